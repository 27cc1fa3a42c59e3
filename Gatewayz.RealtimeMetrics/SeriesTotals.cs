
namespace Gatewayz.RealtimeMetrics;

/// <summary>The counters of one provider and model while an hour's hash fields are read.</summary>
internal sealed class SeriesTotals
{
    private const string ErrorPrefix = "err:";

    private long _requests, _successes, _failures, _tokensIn, _tokensOut, _costMicros;
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);

    public LatencyHistogram Latency { get; } = new();

    public void Add(string counter, long value)
    {
        switch (counter)
        {
            case "requests": _requests += value; break;
            case "successes": _successes += value; break;
            case "failures": _failures += value; break;
            case "tokens_in": _tokensIn += value; break;
            case "tokens_out": _tokensOut += value; break;
            case "cost_micros": _costMicros += value; break;
            default:
                if (counter.StartsWith(ErrorPrefix, StringComparison.Ordinal))
                    _errors[counter[ErrorPrefix.Length..]] = _errors.GetValueOrDefault(counter[ErrorPrefix.Length..]) + value;
                break;
        }
    }

    public HourlyCounters ToCounters(DateTimeOffset hour, string provider, string model) =>
        new(hour, provider, model, _requests, _successes, _failures, _tokensIn, _tokensOut, _costMicros / 1_000_000m, _errors, Latency);
}
