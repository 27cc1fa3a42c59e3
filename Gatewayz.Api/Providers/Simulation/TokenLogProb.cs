namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A token's log probability, and where its alternatives start in the vocabulary
/// (<see cref="SimulatedWords.Alternative"/>). The token is the likeliest: the alternatives share what
/// probability it leaves, halving from one to the next.
/// </summary>
public readonly record struct TokenLogProb(double LogProb, int AlternativesStart)
{
    /// <summary>Draws the token's probability between about 1/3 and 1, so no alternative outranks it.</summary>
    public static TokenLogProb Draw(Random random)
    {
        var spread = random.NextDouble();
        return new TokenLogProb(Math.Round(-(0.0005 + spread * spread * 1.05), 6), SimulatedWords.AlternativesStart(random));
    }

    /// <summary>The log probability of the <paramref name="rank"/>-th alternative (from 0).</summary>
    public double AlternativeLogProb(int rank) => Math.Round(Math.Log((1 - Math.Exp(LogProb)) * Math.Pow(0.5, rank + 1)), 6);
}
