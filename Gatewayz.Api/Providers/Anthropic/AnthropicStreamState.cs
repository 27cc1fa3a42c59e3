namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>What one Anthropic stream has said so far that later events need.</summary>
public struct AnthropicStreamState
{
    /// <summary>
    /// The prompt's tokens from <c>message_start</c> (cache reads and writes included), for the usage of a
    /// <c>message_delta</c> that reports only its output.
    /// </summary>
    public int? InputTokens;

    /// <summary>The part of <see cref="InputTokens"/> read from the prompt cache (<c>cache_read_input_tokens</c>).</summary>
    public int CachedInputTokens;

    /// <summary>Whether <c>message_stop</c> arrived: the answer is complete.</summary>
    public bool Stopped;
}
