namespace Gatewayz.Api.Chat;

/// <summary>
/// The two knobs for how much a model reasons, and the gateway's tables between them: OpenAI's
/// <c>reasoning_effort</c> (<c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c>) and
/// Anthropic's <c>thinking.budget_tokens</c> (at least <see cref="MinimumBudget"/> tokens of reasoning). Neither API
/// defines the other's scale; the tables are chosen so that a round trip keeps the level
/// (an effort's budget maps back to the same effort, for low, medium and high):
///
/// | effort | budget | | budget | effort |
/// |---|---|---|---|---|
/// | none, minimal | no thinking | | ≤ 2,048 | low |
/// | low | 1,024 | | ≤ 8,192 | medium |
/// | medium | 8,192 | | more | high |
/// | high | 24,576 | | | |
/// | xhigh | 32,768 | | | |
/// </summary>
public static class ReasoningEfforts
{
    /// <summary>Anthropic's smallest <c>budget_tokens</c>: it refuses less.</summary>
    public const int MinimumBudget = 1024;

    /// <summary>The levels OpenAI's <c>reasoning_effort</c> takes, for error messages.</summary>
    public const string Levels = "none, minimal, low, medium, high or xhigh";

    /// <summary>
    /// The thinking budget for an effort level, false for a level not in <see cref="Levels"/>. <c>none</c> and
    /// <c>minimal</c> give no budget (null): they ask for an answer with no, or next to no, reasoning — what a Claude
    /// model gives with thinking off, as its smallest budget is already <c>low</c>'s. High's 24,576 tokens plus the
    /// gateway's default answer room (4,096) stay under the smallest output limit of Anthropic's thinking models
    /// (32,000 tokens, Claude Opus 4 and 4.1).
    /// </summary>
    public static bool TryBudgetOf(string effort, out int? budgetTokens)
    {
        budgetTokens = effort switch
        {
            "low" => MinimumBudget,
            "medium" => 8192,
            "high" => 24576,
            "xhigh" => 32768,
            _ => null,
        };
        return budgetTokens is not null || effort is "none" or "minimal";
    }

    /// <summary>The effort level for a thinking budget in tokens: up to 2,048 <c>low</c>, up to 8,192 <c>medium</c>, else <c>high</c>.</summary>
    public static string EffortOf(int budgetTokens) => budgetTokens switch
    {
        <= 2048 => "low",
        <= 8192 => "medium",
        _ => "high",
    };
}
