using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// An Anthropic upstream's answer to an Anthropic client, relayed as it was sent: the message body, or every
/// event of the stream with its name (<c>ping</c>s and events the gateway does not know included), with only
/// the gateway's <c>id</c> (<c>msg_…</c>) and the client's <c>model</c> written into the message.
/// </summary>
public static class AnthropicRelay
{
    /// <summary>The upstream's message body with the gateway's id and model; null when the answer is not Anthropic's.</summary>
    public static ReadOnlyMemory<byte>? Message(ResponseIdentity identity, ChatCompletion completion)
    {
        // Not a conditional expression: a null array would become an empty memory, not a null one.
        if (!completion.Payload.Is(WireFormat.Anthropic))
            return null;
        return completion.Payload.ToArray(identity.IdJson, identity.ModelJson);
    }

    /// <summary>Writes the upstream's event (ended, not yet sent); every event of an Anthropic answer reaches the client.</summary>
    public static bool TryWrite(ServerSentEventWriter sse, in ChatChunk chunk, ResponseIdentity identity)
    {
        chunk.Payload.WriteTo(sse.BeginData(chunk.Payload.Event), identity.IdJson, identity.ModelJson);
        sse.EndEvent();
        return true;
    }
}
