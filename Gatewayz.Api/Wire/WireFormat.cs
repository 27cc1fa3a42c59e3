namespace Gatewayz.Api.Wire;

/// <summary>
/// A chat wire format, as a tag: which one a client spoke (<see cref="Chat.ChatRequest.ClientFormat"/>) and
/// which one an upstream answered in (<see cref="UpstreamPayload.Format"/>). When the two are the same, the
/// upstream's bytes are relayed; otherwise the answer is translated.
/// </summary>
public enum WireFormat : byte
{
    /// <summary>No format: an empty payload, or a request built by hand.</summary>
    None,

    /// <summary>OpenAI's chat completions (<c>/v1/chat/completions</c>, <c>chat.completion.chunk</c> events).</summary>
    OpenAi,

    /// <summary>Anthropic's Messages API (<c>/v1/messages</c>, named events from <c>message_start</c> to <c>message_stop</c>).</summary>
    Anthropic,

    /// <summary>
    /// OpenAI's Responses API (<c>/v1/responses</c>, named events from <c>response.created</c> to <c>response.completed</c>):
    /// a client format only, for now — no upstream kind speaks it, so its requests are always translated.
    /// </summary>
    OpenAiResponses,
}
