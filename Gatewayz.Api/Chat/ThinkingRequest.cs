using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Anthropic's <c>thinking</c> switch as the client sent it: its <see cref="Type"/> (<c>enabled</c>, <c>disabled</c>,
/// <c>adaptive</c>, or one the gateway does not know; null when <c>thinking</c> is not an object with a string
/// <c>type</c>) and, for <c>enabled</c>, <see cref="BudgetTokens"/> (null when <c>budget_tokens</c> is missing or not
/// a positive integer). Read as it came, without judging it: an Anthropic upstream receives the client's own body and
/// judges it there, while a writer for another format refuses what it cannot translate, naming the field.
/// </summary>
public sealed record ThinkingRequest(string? Type, int? BudgetTokens)
{
    /// <summary>The body's <c>thinking</c>, or null when it has none.</summary>
    public static ThinkingRequest? Of(JsonElement body) => JsonFields.Get(body, "thinking") switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } thinking => new ThinkingRequest(
            JsonFields.Get(thinking, "type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : null,
            JsonFields.Get(thinking, "budget_tokens") is { ValueKind: JsonValueKind.Number } budget && budget.TryGetInt32(out var tokens) && tokens > 0 ? tokens : null),
        _ => new ThinkingRequest(null, null),
    };
}
