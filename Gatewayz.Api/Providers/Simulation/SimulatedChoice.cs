using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// One choice of a simulated answer: the reasoning before it when asked, then text as tokens
/// (<see cref="SimulatedWords"/>), with their log probabilities when asked, or function calls; and why it finished.
/// </summary>
public sealed class SimulatedChoice
{
    private SimulatedChoice(int index, string[] reasoning, string[] tokens, SimulatedToolCall[] toolCalls, string finishReason, int outputTokens,
        string? stopReason = null)
    {
        StopReason = stopReason;
        Index = index;
        ReasoningTokens = reasoning;
        Tokens = tokens;
        ToolCalls = toolCalls;
        FinishReason = finishReason;
        OutputTokens = reasoning.Length + outputTokens;
    }

    public int Index { get; }

    /// <summary>The reasoning's tokens (<c>reasoning_content</c>), written before the answer; empty when none was asked for.</summary>
    public IReadOnlyList<string> ReasoningTokens { get; }

    /// <summary>The text's tokens, each but the first with its leading space; empty for function calls.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>One per token when the request asked for <c>logprobs</c>; otherwise null.</summary>
    public IReadOnlyList<TokenLogProb>? LogProbs { get; private set; }

    /// <summary>The function calls; empty for a text answer.</summary>
    public IReadOnlyList<SimulatedToolCall> ToolCalls { get; }

    public string FinishReason { get; }

    /// <summary>
    /// The stop sequence that cut the text, when one did (vLLM's <c>stop_reason</c>, which the gateway reads to
    /// tell an Anthropic client which of its <c>stop_sequences</c> matched); null when the text ended otherwise.
    /// </summary>
    public string? StopReason { get; }

    /// <summary>
    /// Completion tokens: the reasoning's tokens (<see cref="ReasoningTokens"/>, which OpenAI counts as output too)
    /// and the text's tokens, or an estimate from the calls' names and arguments.
    /// </summary>
    public int OutputTokens { get; }

    /// <summary>
    /// Reasoning when asked for (see <see cref="Reasoning"/>), then text of a log-normal length around the profile's
    /// mean, the two together cut to <c>max_tokens</c> (finish <c>length</c>, as OpenAI counts reasoning within it)
    /// and the text before the first stop sequence (finish <c>stop</c>).
    /// </summary>
    public static SimulatedChoice Text(int index, SimulationProfile profile, SimulatedRequest request, Random random)
    {
        var reasoning = Reasoning(profile, request, random);
        var wanted = Length(random, profile.MeanOutputTokens);
        var count = request.MaxTokens is { } max ? Math.Min(wanted, max - reasoning.Length) : wanted;
        var tokens = Words(count, random);
        var finish = count < wanted ? FinishReasons.Length : FinishReasons.Stop;
        var matched = request.StopSequences.Count > 0 ? CutAtStop(ref tokens, request.StopSequences) : null;
        if (matched is not null)
            finish = FinishReasons.Stop;
        return new SimulatedChoice(index, reasoning, tokens, [], finish, tokens.Length, matched);
    }

    /// <summary>
    /// Reasoning, when asked for, then a call of each tool, with arguments made up from its schema and an id drawn
    /// from <paramref name="random"/>.
    /// </summary>
    public static SimulatedChoice CallTools(int index, SimulationProfile profile, SimulatedRequest request, Random random)
    {
        var reasoning = Reasoning(profile, request, random);
        var tools = request.ToolCalls;
        var calls = new SimulatedToolCall[tools.Count];
        var outputTokens = 0;
        Span<byte> id = stackalloc byte[12];
        for (var i = 0; i < calls.Length; i++)
        {
            random.NextBytes(id);
            var arguments = SchemaArguments.For(tools[i].Parameters, random);
            calls[i] = new SimulatedToolCall("call_" + Convert.ToHexStringLower(id), tools[i].Name, arguments);
            outputTokens += TokenEstimator.CountCharacters(tools[i].Name.Length + arguments.Length);
        }
        return new SimulatedChoice(index, reasoning, [], calls, FinishReasons.ToolCalls, outputTokens);
    }

    /// <summary>
    /// The reasoning's tokens: a log-normal length around <see cref="SimulatedRequest.Reasoning"/> times the profile's
    /// mean answer length, cut to <c>max_tokens</c>; none (and no draw, so an answer without reasoning is the one
    /// the same request always got) when none is asked for.
    /// </summary>
    private static string[] Reasoning(SimulationProfile profile, SimulatedRequest request, Random random)
    {
        if (request.Reasoning <= 0)
            return [];
        var wanted = Length(random, profile.MeanOutputTokens * request.Reasoning);
        return Words(request.MaxTokens is { } max ? Math.Min(wanted, max) : wanted, random);
    }

    /// <summary>A length in tokens, at least 1: log-normal (σ 0.5) around <paramref name="median"/>, as answers are skewed long.</summary>
    internal static int Length(Random random, double median) => Math.Max(1, (int)Math.Round(SimulatedScript.LogNormal(random, median, 0.5)));

    /// <summary><paramref name="count"/> tokens of text, drawn in order.</summary>
    internal static string[] Words(int count, Random random)
    {
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
            tokens[i] = SimulatedWords.Token(random, i);
        return tokens;
    }

    /// <summary>Draws the log probability of every token (a text answer's; function calls have none).</summary>
    public void DrawLogProbs(Random random)
    {
        var logProbs = new TokenLogProb[Tokens.Count];
        for (var i = 0; i < logProbs.Length; i++)
            logProbs[i] = TokenLogProb.Draw(random);
        LogProbs = logProbs;
    }

    /// <summary>
    /// Ends the text before the first occurrence of any sequence (a token the cut runs through keeps its start);
    /// the sequence that cut it (the first listed of those found at the same place), or null when none occurs.
    /// </summary>
    internal static string? CutAtStop(ref string[] tokens, IReadOnlyList<string> sequences)
    {
        var text = string.Concat(tokens);
        var cut = -1;
        string? matched = null;
        foreach (var sequence in sequences)
        {
            var at = text.IndexOf(sequence, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
                (cut, matched) = (at, sequence);
        }
        if (matched is null)
            return null;

        var kept = new List<string>();
        var position = 0;
        foreach (var token in tokens)
        {
            if (position >= cut)
                break;
            kept.Add(position + token.Length <= cut ? token : token[..(cut - position)]);
            position += token.Length;
        }
        tokens = [.. kept];
        return matched;
    }
}
