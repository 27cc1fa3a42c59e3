using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;

namespace Gatewayz.Api.OpenAi;

/// <summary>
/// OpenAI's chat completions (<c>POST /v1/chat/completions</c>), as clients speak it; its requests translated
/// for Anthropic upstreams.
/// </summary>
public sealed class OpenAiChatFormat : IChatWireFormat, IRequestTranslator
{
    public static readonly OpenAiChatFormat Instance = new();

    public string Name => "openai";

    public string ResponseIdPrefix => "chatcmpl-";

    public IErrorFormat Errors => OpenAiErrorFormat.Instance;

    public bool AcceptsXApiKey => false;

    public IReadOnlyList<string> ForwardedHeaders => [];

    public ChatRequest Parse(JsonElement body) => OpenAiChatRequestParser.Parse(body);

    public JsonElement Translate(ChatRequest request, WireFormat target) => target switch
    {
        WireFormat.Anthropic => AnthropicRequestWriter.Write(request.ClientBody, request.Model),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "An OpenAI request is translated for Anthropic upstreams only."),
    };

    public ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion) => OpenAiWire.Completion(identity, completion);

    public IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request) => new OpenAiStreamEncoder(identity, request.IncludeUsage);
}
