using System.Text.Json;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Wire;

/// <summary>
/// One chat API's wire format as clients speak it (OpenAI's chat completions, Anthropic's messages, OpenAI's
/// Responses API): everything that differs between them, so one handler serves them all.
/// </summary>
public interface IChatWireFormat
{
    /// <summary>A short stable name (<c>openai</c>, <c>anthropic</c>): part of the response cache's key.</summary>
    string Name { get; }

    /// <summary>How the gateway's response ids start (<c>chatcmpl-</c>, <c>msg_</c>).</summary>
    string ResponseIdPrefix { get; }

    /// <summary>Whether the API key may come in <c>x-api-key</c> (Anthropic's header) besides <c>Authorization: Bearer</c>.</summary>
    bool AcceptsXApiKey { get; }

    /// <summary>Request headers an upstream of this format receives as the client sent them (Anthropic's <c>anthropic-beta</c>).</summary>
    IReadOnlyList<string> ForwardedHeaders { get; }

    /// <summary>How the API writes errors: the endpoint's metadata, so every error of the endpoint uses it.</summary>
    IErrorFormat Errors { get; }

    /// <summary>Validates a request body and reads it; a body the API would refuse throws a 400 <see cref="GatewayException"/>.</summary>
    ChatRequest Parse(JsonElement body);

    /// <summary>
    /// Completes a parsed request with what it refers to outside its body, once the caller is known and before any
    /// route is tried: the Responses API's <c>previous_response_id</c>, the earlier turns the gateway kept for that
    /// caller. A reference the format cannot resolve throws a 4xx <see cref="GatewayException"/>. The other formats
    /// carry the whole conversation in the body: the request as parsed.
    /// </summary>
    ValueTask<ChatRequest> ResolveAsync(ChatRequest request, ClientIdentity client, CancellationToken cancellationToken) => ValueTask.FromResult(request);

    /// <summary>A non-streamed answer's body.</summary>
    ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion);

    /// <summary>
    /// Called with a non-streamed answer's body (from <see cref="EncodeCompletion"/>) before it is sent: the Responses
    /// API keeps the answer for later requests to continue from. Nothing for the other formats.
    /// </summary>
    ValueTask AnsweredAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The writer of one streamed answer's events.</summary>
    IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request);
}
