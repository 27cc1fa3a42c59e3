using System.Text;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// Everything a simulated call will do, decided up front from one random source so that a seeded
/// simulator is deterministic however requests interleave.
/// </summary>
public sealed record SimulatedScript(
    UpstreamFailureKind? Failure,
    TimeSpan TimeToFirstToken,
    TimeSpan PerToken,
    IReadOnlyList<string> Words,
    string FinishReason)
{
    private static readonly string[] Vocabulary =
    [
        "the", "gateway", "routes", "each", "request", "to", "a", "healthy", "provider", "and", "measures",
        "latency", "tokens", "cost", "so", "that", "operators", "can", "see", "what", "happens", "when",
        "models", "answer", "slowly", "or", "fail", "traffic", "moves", "between", "routes", "while",
        "circuit", "breakers", "protect", "clients", "from", "outages", "streams", "arrive", "in", "small",
        "chunks", "with", "usage", "reported", "at", "the", "end", "of", "every", "response",
    ];

    public static SimulatedScript Create(SimulationProfile profile, Random random, DateTimeOffset now, int? maxTokens, double timeScale)
    {
        var failure = profile.Outages.Any(window => window.Contains(now)) ? UpstreamFailureKind.Connection : DrawFailure(profile, random);
        var ttft = TimeSpan.FromMilliseconds(LogNormal(random, profile.TimeToFirstTokenMs, profile.LatencySigma) * timeScale);
        var perToken = TimeSpan.FromMilliseconds(1000.0 / Math.Max(1, profile.TokensPerSecond) * timeScale);

        var wanted = Math.Max(1, (int)Math.Round(LogNormal(random, profile.MeanOutputTokens, 0.5)));
        var count = maxTokens is { } max ? Math.Min(wanted, max) : wanted;
        var words = new string[count];
        for (var i = 0; i < count; i++)
            words[i] = Vocabulary[random.Next(Vocabulary.Length)];
        return new SimulatedScript(failure, ttft, perToken, words, count < wanted ? "length" : "stop");
    }

    public string Text(int from, int count)
    {
        var text = new StringBuilder();
        for (var i = from; i < from + count && i < Words.Count; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(Words[i]);
        }
        return text.ToString();
    }

    private static UpstreamFailureKind? DrawFailure(SimulationProfile profile, Random random)
    {
        var draw = random.NextDouble();
        if (draw < profile.ErrorRate) return UpstreamFailureKind.ServerError;
        if (draw < profile.ErrorRate + profile.RateLimitRate) return UpstreamFailureKind.RateLimited;
        return null;
    }

    /// <summary>A log-normal sample with the given median: latency is skewed, with a long tail.</summary>
    private static double LogNormal(Random random, double median, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var standardNormal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * standardNormal);
    }
}
