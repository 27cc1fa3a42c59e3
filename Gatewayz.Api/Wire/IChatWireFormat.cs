using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Wire;

/// <summary>
/// One chat API's wire format as clients speak it (OpenAI's chat completions, Anthropic's messages):
/// everything that differs between the two, so one handler serves both.
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

    /// <summary>A non-streamed answer's body.</summary>
    ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion);

    /// <summary>The writer of one streamed answer's events.</summary>
    IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request);
}
