namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// Everything a simulated call will do, decided up front from one random source so that a seeded
/// simulator is deterministic however requests interleave: failure, timing, and every choice's text or
/// function calls. The draws come in a fixed order — failure, time to first token, each choice's output,
/// then log probabilities — so choice 0 is the same answer whatever <c>n</c> or <c>logprobs</c> say.
/// </summary>
public sealed record SimulatedScript(
    UpstreamFailureKind? Failure,
    TimeSpan TimeToFirstToken,
    TimeSpan PerToken,
    string Id,
    IReadOnlyList<SimulatedChoice> Choices,
    int TopLogProbs)
{
    public static SimulatedScript Create(SimulationProfile profile, SimulatedRequest request, Random random, DateTimeOffset now, double timeScale)
    {
        var (failure, ttft) = DrawStart(profile, random, now, timeScale);
        var perToken = TimeSpan.FromMilliseconds(1000.0 / Math.Max(1, profile.TokensPerSecond) * timeScale);

        var choices = new SimulatedChoice[request.Choices];
        for (var i = 0; i < choices.Length; i++)
        {
            choices[i] = request.ToolCalls.Count > 0
                ? SimulatedChoice.CallTools(i, profile, request, random)
                : SimulatedChoice.Text(i, profile, request, random);
        }
        if (request.LogProbs)
        {
            foreach (var choice in choices)
            {
                if (choice.ToolCalls.Count == 0)
                    choice.DrawLogProbs(random);
            }
        }
        Span<byte> id = stackalloc byte[12];
        random.NextBytes(id);
        return new SimulatedScript(failure, ttft, perToken, "chatcmpl-" + Convert.ToHexStringLower(id), choices, request.TopLogProbs);
    }

    /// <summary>
    /// The first draws of any simulated call, chat or not: whether it fails (an outage window, else the error and
    /// rate-limit rates), then its time to the first token (log-normal around the profile's median, scaled).
    /// </summary>
    public static (UpstreamFailureKind? Failure, TimeSpan TimeToFirstToken) DrawStart(SimulationProfile profile, Random random, DateTimeOffset now, double timeScale)
    {
        var failure = profile.Outages.Any(window => window.Contains(now)) ? UpstreamFailureKind.Connection : DrawFailure(profile, random);
        return (failure, TimeSpan.FromMilliseconds(LogNormal(random, profile.TimeToFirstTokenMs, profile.LatencySigma) * timeScale));
    }

    /// <summary>Completion tokens over every choice, reasoning included.</summary>
    public int OutputTokens => Choices.Sum(choice => choice.OutputTokens);

    /// <summary>Reasoning tokens over every choice.</summary>
    public int ReasoningTokens => Choices.Sum(choice => choice.ReasoningTokens.Count);

    /// <summary>The longest choice's tokens: choices are generated side by side, so this paces the answer.</summary>
    public int LongestOutput => Choices.Max(choice => choice.OutputTokens);

    private static UpstreamFailureKind? DrawFailure(SimulationProfile profile, Random random)
    {
        var draw = random.NextDouble();
        if (draw < profile.ErrorRate) return UpstreamFailureKind.ServerError;
        if (draw < profile.ErrorRate + profile.RateLimitRate) return UpstreamFailureKind.RateLimited;
        return null;
    }

    /// <summary>A log-normal sample with the given median: latency and answer length are skewed, with a long tail.</summary>
    public static double LogNormal(Random random, double median, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var standardNormal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * standardNormal);
    }
}
