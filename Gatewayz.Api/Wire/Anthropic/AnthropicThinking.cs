using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Wire.Anthropic;

/// <summary>
/// How much an OpenAI client asks the model to reason, as Anthropic's extended thinking
/// (<c>thinking: {"type":"enabled","budget_tokens":B}</c>): <c>reasoning_effort</c>, or OpenRouter's
/// <c>reasoning</c> object (<c>effort</c>, <c>max_tokens</c>, <c>enabled</c>), through the table of
/// <see cref="ReasoningEfforts"/>; the budget fitted under <c>max_tokens</c>; and what Anthropic refuses while a
/// model thinks refused here first, as a 400 naming the client's field rather than the upstream's.
/// </summary>
public static class AnthropicThinking
{
    /// <summary>OpenRouter's default effort when its <c>reasoning</c> object only says <c>enabled: true</c>.</summary>
    private const string EnabledEffort = "medium";

    /// <summary>
    /// The thinking budget in tokens the body asks for, or null for no thinking (no field, <c>none</c>,
    /// <c>minimal</c>, <c>reasoning.enabled: false</c>). Throws a 400 naming the field for a level not in
    /// <see cref="ReasoningEfforts.Levels"/>, a <c>reasoning.max_tokens</c> below Anthropic's minimum of 1,024, an
    /// effort given twice with two values, both an effort and <c>reasoning.max_tokens</c> (OpenRouter takes one of
    /// them), and <c>reasoning.exclude: true</c> (Anthropic's models return the reasoning they do).
    /// </summary>
    public static int? BudgetOf(JsonElement body)
    {
        var (effort, field) = Get(body, "reasoning_effort") is { } topLevel ? (Effort(topLevel, "reasoning_effort"), "reasoning_effort") : (null, null);
        if (Get(body, "reasoning") is { } reasoning)
        {
            if (reasoning.ValueKind != JsonValueKind.Object)
                throw new GatewayException(GatewayError.InvalidValue("reasoning", "expected an object."));
            if (Get(reasoning, "exclude") is { ValueKind: JsonValueKind.True })
                throw AnthropicRequestWriter.Unsupported("reasoning.exclude", "Anthropic models return the reasoning they do; it cannot be left out of the answer.");
            if (Get(reasoning, "effort") is { } nested)
            {
                var nestedEffort = Effort(nested, "reasoning.effort");
                if (effort is not null && effort != nestedEffort)
                    throw new GatewayException(GatewayError.InvalidValue("reasoning.effort", "it differs from reasoning_effort; send one of them."));
                (effort, field) = (nestedEffort, "reasoning.effort");
            }
            var enabled = Get(reasoning, "enabled")?.ValueKind;
            if (enabled is not (null or JsonValueKind.True or JsonValueKind.False))
                throw new GatewayException(GatewayError.InvalidValue("reasoning.enabled", "expected a boolean."));
            if (Get(reasoning, "max_tokens") is { } max)
            {
                if (effort is not null)
                    throw new GatewayException(GatewayError.InvalidValue("reasoning.max_tokens", "send either an effort or max_tokens, not both."));
                if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var budget) || budget <= 0)
                    throw new GatewayException(GatewayError.InvalidValue("reasoning.max_tokens", "expected a positive integer."));
                if (budget < ReasoningEfforts.MinimumBudget)
                    throw AnthropicRequestWriter.Unsupported("reasoning.max_tokens", $"Anthropic models take a thinking budget of at least {ReasoningEfforts.MinimumBudget} tokens.");
                return enabled == JsonValueKind.False ? null : budget;
            }
            if (enabled == JsonValueKind.False)
            {
                if (effort is not null)
                    throw new GatewayException(GatewayError.InvalidValue("reasoning.enabled", "reasoning is disabled but an effort is given; send one of them."));
                return null;
            }
            if (enabled == JsonValueKind.True && effort is null)
                (effort, field) = (EnabledEffort, "reasoning.enabled");
        }
        if (effort is null)
            return null;
        return ReasoningEfforts.TryBudgetOf(effort, out var tokens)
            ? tokens
            : throw new GatewayException(GatewayError.InvalidValue(field!, $"expected {ReasoningEfforts.Levels}."));
    }

    /// <summary>
    /// Anthropic's <c>max_tokens</c> with thinking, and the budget that fits under it. Anthropic counts thinking
    /// within <c>max_tokens</c> and requires <c>budget_tokens</c> below it, which is how OpenAI counts reasoning
    /// within <c>max_completion_tokens</c> too. So a client's own limit stays the limit — it caps what the request
    /// may cost — and the budget shrinks to fit under it (reasoning may then take all of it, as with OpenAI's
    /// reasoning models); a limit too small for Anthropic's smallest budget is a 400 naming it. Without a client
    /// limit, the gateway's default answer room is added to the budget, so thinking takes nothing from the answer.
    /// </summary>
    public static (int MaxTokens, int Budget) Fit(int budget, int? clientMax, string maxField)
    {
        if (clientMax is not { } max)
            return (AnthropicRequestWriter.DefaultMaxTokens + budget, budget);
        if (max <= ReasoningEfforts.MinimumBudget)
            throw AnthropicRequestWriter.Unsupported(maxField,
                $"Anthropic models thinking need more than {ReasoningEfforts.MinimumBudget} tokens, their smallest thinking budget, and count it within this limit; raise it, or ask for no reasoning.");
        return (max, Math.Min(budget, max - 1));
    }

    /// <summary>
    /// What Anthropic's extended thinking refuses, each a 400 naming the client's field: a <c>temperature</c> other
    /// than 1, <c>top_k</c>, a <c>top_p</c> below 0.95, a <c>tool_choice</c> that forces a call, and a tool-use loop
    /// whose last assistant turn (the one that made the calls) comes back without its signed thinking blocks —
    /// Anthropic requires that turn to start with them, and <c>reasoning_content</c> alone cannot be sent unsigned.
    /// </summary>
    public static void CheckCompatible(JsonElement body, JsonElement messages)
    {
        if (Get(body, "temperature") is { ValueKind: JsonValueKind.Number } temperature && temperature.GetDouble() != 1)
            throw AnthropicRequestWriter.Unsupported("temperature", "Anthropic models take no temperature but 1 while thinking (reasoning_effort); leave it out, or ask for no reasoning.");
        if (Get(body, "top_k") is not null)
            throw AnthropicRequestWriter.Unsupported("top_k", "Anthropic models take no top_k while thinking (reasoning_effort).");
        if (Get(body, "top_p") is { ValueKind: JsonValueKind.Number } topP && topP.GetDouble() < 0.95)
            throw AnthropicRequestWriter.Unsupported("top_p", "Anthropic models take a top_p from 0.95 to 1 while thinking (reasoning_effort).");
        if (Get(body, "tools") is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0
            && Get(body, "tool_choice") is { } choice && !(choice.ValueKind == JsonValueKind.String && choice.GetString() is "auto" or "none"))
            throw AnthropicRequestWriter.Unsupported("tool_choice", "Anthropic models cannot be made to call a tool while thinking (reasoning_effort); use auto or none.");

        var lastAssistant = -1;
        var toolResultsAfter = false;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = Get(message, "role")?.GetString();
            if (role == "assistant") (lastAssistant, toolResultsAfter) = (i, false);
            else if (role == "tool") toolResultsAfter = true;
            i++;
        }
        if (lastAssistant < 0 || !toolResultsAfter)
            return;
        var turn = messages[lastAssistant];
        var calledTools = Get(turn, "tool_calls") is { ValueKind: JsonValueKind.Array } calls && calls.GetArrayLength() > 0;
        var signed = Get(turn, "thinking_blocks") is { ValueKind: JsonValueKind.Array } blocks && blocks.GetArrayLength() > 0;
        if (calledTools && !signed)
            throw AnthropicRequestWriter.Unsupported($"messages[{lastAssistant}].thinking_blocks",
                "Anthropic models thinking in a tool-use loop need the assistant message that made the calls back with its thinking_blocks, signed, as the answer carried them (reasoning_content cannot be sent back unsigned).");
    }

    /// <summary>An effort level as sent: a string, or a 400 naming <paramref name="field"/>.</summary>
    private static string Effort(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new GatewayException(GatewayError.InvalidValue(field, $"expected {ReasoningEfforts.Levels}."));

    private static JsonElement? Get(JsonElement obj, string field) => AnthropicRequestWriter.Get(obj, field);
}
