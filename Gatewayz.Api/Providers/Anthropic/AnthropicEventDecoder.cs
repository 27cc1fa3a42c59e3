using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>
/// Anthropic's stream: named events from <c>message_start</c> to <c>message_stop</c>, each a chunk relayed
/// as sent. An <c>error</c> event is a failure, and so is a stream that closes before <c>message_stop</c>.
/// </summary>
public struct AnthropicEventDecoder(string provider, UpstreamRedactor redactor) : IUpstreamEventDecoder
{
    private AnthropicStreamState _state;

    public readonly string? EventName(ReadOnlySpan<byte> name) => AnthropicEvents.Name(name);

    public UpstreamEvent Decode(byte[] data, string? eventName, out ChatChunk chunk)
    {
        chunk = AnthropicResponseReader.ReadEvent(data, eventName, ref _state, provider, redactor);
        return UpstreamEvent.Chunk;
    }

    /// <summary>After <c>message_stop</c> nothing more belongs to the answer.</summary>
    public readonly bool Complete => _state.Stopped;

    public readonly UpstreamException? ClosedEarly() => _state.Stopped ? null : AnthropicFailures.NoMessageStop(provider);
}
