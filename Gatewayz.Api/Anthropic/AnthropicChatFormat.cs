using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.Anthropic;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Anthropic's Messages API (<c>POST /v1/messages</c>), as clients speak it: relayed from an Anthropic
/// upstream, translated from any other; its requests translated for OpenAI-compatible upstreams.
/// </summary>
public sealed class AnthropicChatFormat : IChatWireFormat, IRequestTranslator
{
    public static readonly AnthropicChatFormat Instance = new();

    public string Name => "anthropic";

    public string ResponseIdPrefix => "msg_";

    public IErrorFormat Errors => AnthropicErrorFormat.Instance;

    public bool AcceptsXApiKey => true;

    public IReadOnlyList<string> ForwardedHeaders => AnthropicProvider.ClientHeaders;

    public ChatRequest Parse(JsonElement body) => AnthropicRequestParser.Parse(body);

    public JsonElement Translate(ChatRequest request, WireFormat target) => target switch
    {
        WireFormat.OpenAi => AnthropicRequestParser.WriteOpenAiBody(request),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "An Anthropic request is translated for OpenAI-compatible upstreams only."),
    };

    /// <summary>The upstream's answer (choice 0) as a message whose content blocks keep its text, reasoning and tool calls, in order.</summary>
    public ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion)
    {
        if (AnthropicRelay.Message(identity, completion) is { } relayed)
            return relayed;
        var deltas = new List<ChatDelta>();
        new OpenAiDeltaReader().ReadCompletion(completion, deltas);
        var parts = ChatPartsBuilder.Of(deltas);
        var message = (identity, Parts: parts.Build(), FinishReason: parts.FinishReason ?? completion.FinishReason, parts.StopSequence, completion.Usage);
        try
        {
            return JsonResponse.Serialize(message, static (writer, state) =>
                AnthropicWire.WriteMessage(writer, state.identity, state.Parts, state.FinishReason, state.StopSequence, state.Usage));
        }
        catch (UpstreamException untranslatable)
        {
            throw new GatewayException(UpstreamErrors.ToGatewayError(untranslatable, identity.Model));
        }
    }

    public IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request) =>
        new AnthropicStreamEncoder(identity, request.EstimatedInputTokens);
}
