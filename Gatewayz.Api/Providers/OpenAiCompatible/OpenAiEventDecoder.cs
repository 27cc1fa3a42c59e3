using System.Text;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// OpenAI's stream: <c>data:</c> chunks up to <c>[DONE]</c>; an event named <c>error</c>, an <c>error</c>
/// object, or <c>[DONE]</c> (or the end of the stream) before any finish reason is a failure.
/// </summary>
public struct OpenAiEventDecoder(string provider, UpstreamRedactor redactor) : IUpstreamEventDecoder
{
    private const string ErrorEvent = "error";

    /// <summary>Whether a choice said why the answer finished; an answer that never did may be cut short.</summary>
    private bool _finished;

    /// <summary>Only <c>error</c> means something: OpenAI's format names no other event, and relays none.</summary>
    public readonly string? EventName(ReadOnlySpan<byte> name) => name.SequenceEqual("error"u8) ? ErrorEvent : null;

    public UpstreamEvent Decode(byte[] data, string? eventName, out ChatChunk chunk)
    {
        chunk = default;
        if (data.AsSpan()[Ascii.Trim(data)].SequenceEqual("[DONE]"u8))
            return _finished ? UpstreamEvent.Done : throw InBandFailures.NoFinishReason(provider);
        if (eventName is not null)
            throw InBandFailures.ErrorObject(data, provider, redactor);
        chunk = OpenAiResponseReader.ReadChunk(data, provider, redactor);
        _finished |= chunk.FinishReason is not null || chunk.OtherChoiceFinished;
        return UpstreamEvent.Chunk;
    }

    /// <summary>OpenAI's answer ends with <c>[DONE]</c>, not with a chunk.</summary>
    public readonly bool Complete => false;

    /// <summary>Some upstreams close a complete answer without <c>[DONE]</c>; one that never said why it finished may have been cut short.</summary>
    public readonly UpstreamException? ClosedEarly() =>
        _finished ? null : new UpstreamException(UpstreamFailureKind.Connection, $"{provider} closed the stream before [DONE].");
}
