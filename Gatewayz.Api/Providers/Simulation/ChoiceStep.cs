namespace Gatewayz.Api.Providers.Simulation;

/// <summary>One stream event of a choice: what it carries, of which call, and which part of the tokens or arguments.</summary>
public readonly record struct ChoiceStep(StepKind Kind, int Call, int From, int Length)
{
    /// <summary>How many fragments a call's arguments are streamed in, as OpenAI splits them.</summary>
    public const int ArgumentFragments = 3;

    /// <summary>
    /// A choice's events: the role (which a function-call answer without reasoning sends with its first call's
    /// start), the reasoning <paramref name="tokensPerChunk"/> tokens at a time, then text as many tokens at a
    /// time, or for each call its start and its arguments in up to <see cref="ArgumentFragments"/> pieces.
    /// </summary>
    public static List<ChoiceStep> Of(SimulatedChoice choice, int tokensPerChunk)
    {
        var steps = new List<ChoiceStep>();
        if (choice.ToolCalls.Count == 0 || choice.ReasoningTokens.Count > 0)
            steps.Add(new ChoiceStep(StepKind.Role, 0, 0, 0));
        AddTokens(steps, StepKind.Reasoning, choice.ReasoningTokens.Count, tokensPerChunk);
        if (choice.ToolCalls.Count == 0)
        {
            AddTokens(steps, StepKind.Text, choice.Tokens.Count, tokensPerChunk);
            return steps;
        }
        for (var call = 0; call < choice.ToolCalls.Count; call++)
        {
            steps.Add(new ChoiceStep(StepKind.CallStart, call, 0, 0));
            var arguments = choice.ToolCalls[call].Arguments;
            var start = 0;
            for (var piece = 1; piece <= ArgumentFragments; piece++)
            {
                var end = arguments.Length * piece / ArgumentFragments;
                // Never between the two halves of a surrogate pair: each fragment is text of its own.
                if (end < arguments.Length && char.IsLowSurrogate(arguments[end]))
                    end++;
                if (end > start)
                    steps.Add(new ChoiceStep(StepKind.Arguments, call, start, end - start));
                start = Math.Max(start, end);
            }
        }
        return steps;
    }

    private static void AddTokens(List<ChoiceStep> steps, StepKind kind, int count, int tokensPerChunk)
    {
        for (var from = 0; from < count; from += tokensPerChunk)
            steps.Add(new ChoiceStep(kind, 0, from, Math.Min(tokensPerChunk, count - from)));
    }
}
