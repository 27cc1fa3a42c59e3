namespace Gatewayz.Tests.Aggregation;

/// <summary>The exact totals and raw latencies of one provider and model, as the test computed them.</summary>
public sealed class ExpectedSeries
{
    private readonly List<double> _latencies = [];

    public long Requests { get; private set; }
    public long Successes { get; private set; }
    public long Failures { get; private set; }
    public long TokensIn { get; private set; }
    public long TokensOut { get; private set; }
    public long CostMicros { get; private set; }
    public Dictionary<string, long> Errors { get; } = [];

    public decimal Cost => CostMicros / 1_000_000m;

    public void Add(double latency, bool success, int tokensIn, int tokensOut, int costMicros, string? error)
    {
        _latencies.Add(latency);
        Requests++;
        if (success) Successes++; else Failures++;
        TokensIn += tokensIn;
        TokensOut += tokensOut;
        CostMicros += costMicros;
        if (error is not null) Errors[error] = Errors.GetValueOrDefault(error) + 1;
    }

    /// <summary>The exact nearest-rank percentile of the raw latencies.</summary>
    public double Percentile(double percentile)
    {
        var sorted = _latencies.Order().ToList();
        return sorted[(int)Math.Ceiling(percentile / 100 * sorted.Count) - 1];
    }

    public double Mean => _latencies.Average();
}
