using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Wire;

/// <summary>
/// One chat API's wire format as clients speak it (OpenAI's chat completions, Anthropic's messages, OpenAI's
/// Responses API): everything that differs between them, so one handler serves them all.
/// </summary>
public interface IChatWireFormat : IInferenceEndpoint<ChatRequest>
{
    /// <summary>A short stable name (<c>openai</c>, <c>anthropic</c>): part of the response cache's key.</summary>
    string Name { get; }

    /// <summary>Request headers an upstream of this format receives as the client sent them (Anthropic's <c>anthropic-beta</c>).</summary>
    IReadOnlyList<string> ForwardedHeaders { get; }

    /// <summary>How the API writes errors: the endpoint's metadata, so every error of the endpoint uses it.</summary>
    IErrorFormat Errors { get; }

    /// <summary>Validates a request body and reads it; a body the API would refuse throws a 400 <see cref="GatewayException"/>.</summary>
    ChatRequest Parse(JsonElement body);

    /// <summary>Both chat APIs serve the models whose <c>Endpoints</c> include <c>chat</c>.</summary>
    ModelOperation IInferenceEndpoint<ChatRequest>.Operation => ModelOperation.Chat;

    /// <summary>The body as <see cref="Parse"/> reads it, with the <see cref="ForwardedHeaders"/> the client sent.</summary>
    ChatRequest IInferenceEndpoint<ChatRequest>.Read(JsonElement body, HttpRequest request)
    {
        var parsed = Parse(body);
        return ChatExchange.ForwardedHeaders(request, this) is { } headers ? parsed with { ClientHeaders = headers } : parsed;
    }

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
