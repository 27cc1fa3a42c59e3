using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Anthropic;

/// <summary>Anthropic's Messages API (<c>POST /v1/messages</c>), as clients speak it, translated from the upstream's answer.</summary>
public sealed class AnthropicChatFormat : IChatWireFormat
{
    public static readonly AnthropicChatFormat Instance = new();

    public string Name => "anthropic";

    public string ResponseIdPrefix => "msg_";

    public bool AcceptsXApiKey => true;

    public ChatRequest Parse(JsonElement body) => AnthropicRequestParser.Parse(body);

    public ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion) =>
        JsonResponse.Serialize((identity, completion), static (writer, state) => AnthropicWire.WriteMessage(writer, state.identity, state.completion));

    public IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request) =>
        new AnthropicStreamEncoder(identity, request.EstimatedInputTokens);
}
