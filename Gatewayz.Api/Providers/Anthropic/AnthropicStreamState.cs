namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>What one Anthropic stream has said so far that later events need.</summary>
public struct AnthropicStreamState
{
    /// <summary>
    /// The prompt's counts from <c>message_start</c>, as Anthropic gives them (<c>input_tokens</c>,
    /// <c>cache_creation_input_tokens</c>, <c>cache_read_input_tokens</c>), for the usage of a <c>message_delta</c>
    /// that reports only its output.
    /// </summary>
    public int? InputTokens, CacheCreationInputTokens, CacheReadInputTokens;

    /// <summary>Whether <c>message_stop</c> arrived: the answer is complete.</summary>
    public bool Stopped;
}
