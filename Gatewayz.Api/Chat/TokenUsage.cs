namespace Gatewayz.Api.Chat;

/// <summary>
/// Tokens of one answer: <see cref="InputTokens"/> (the whole prompt, cached part included, as OpenAI's
/// <c>prompt_tokens</c> counts it) and <see cref="OutputTokens"/>; <see cref="CachedInputTokens"/> is the
/// part of the prompt the upstream read from its prompt cache (<c>prompt_tokens_details.cached_tokens</c>),
/// when it said. An image answer's usage counts its <see cref="Images"/> besides the prompt's tokens.
/// </summary>
public readonly record struct TokenUsage(int InputTokens, int OutputTokens)
{
    public int CachedInputTokens { get; init; }

    /// <summary>Images generated (the <c>data</c> items of an image answer), each charged the model's per-image price; 0 for text.</summary>
    public int Images { get; init; }

    public int TotalTokens => InputTokens + OutputTokens;
}
