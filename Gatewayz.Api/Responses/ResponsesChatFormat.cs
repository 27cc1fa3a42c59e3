using System.Text.Json;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;
using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Responses;

/// <summary>
/// OpenAI's Responses API (<c>POST /v1/responses</c>) as clients speak it, bridged through chat: the request is read
/// into the canonical chat request (<see cref="ResponsesRequestParser"/>) and written for each upstream as a chat
/// completions body (<see cref="OpenAiRequestWriter"/>; for an Anthropic upstream that body is written as Anthropic's,
/// <see cref="AnthropicRequestWriter"/>), so every model and provider serves it through the same admission, routing,
/// accounting and telemetry as the other two formats. The answer, in either upstream format, is written as a
/// <c>response</c> object (<see cref="ResponsesWire"/>) or its event stream (<see cref="ResponsesStreamEncoder"/>).
/// <para>
/// Unlike the other formats, which are stateless singletons, one instance serves one request: the Responses API keeps
/// state between requests (<c>store</c>, <c>previous_response_id</c>), so the instance carries the request's settings
/// and conversation from parsing to the answer, and keeps the answer in the <see cref="ResponseStore"/>.
/// </para>
/// </summary>
public sealed class ResponsesChatFormat(ResponseStore store) : IChatWireFormat, IRequestResolver<ChatRequest>, IRequestTranslator
{
    private ResponsesSettings _settings = null!;
    private ResponsesConversation _conversation = null!;
    private JsonElement _body;
    private string _owner = "";
    private StoredResponse? _previous;
    private ResponseIdentity? _identity;

    public string Name => "openai-responses";

    public string ResponseIdPrefix => "resp_";

    public IErrorFormat Errors => OpenAiErrorFormat.Instance;

    public bool AcceptsXApiKey => false;

    public IReadOnlyList<string> ForwardedHeaders => [];

    public ChatRequest Parse(JsonElement body)
    {
        var parsed = ResponsesRequestParser.Parse(body);
        (_settings, _conversation, _body) = (parsed.Settings, parsed.Conversation, body);
        return parsed.Options with
        {
            Messages = _conversation.Messages,
            Translator = this,
            ClientFormat = WireFormat.OpenAiResponses,
            ClientBody = body,
            // Every response reports its usage, streamed or not.
            IncludeUsage = true,
        };
    }

    /// <summary>
    /// Puts the conversation of <c>previous_response_id</c> — the caller's own stored response, its input and output
    /// items — between the request's <c>instructions</c> (which, as OpenAI has it, are not carried over) and its input.
    /// </summary>
    public async ValueTask<ChatRequest> ResolveAsync(ChatRequest request, ClientIdentity client, CancellationToken cancellationToken)
    {
        _owner = RateLimitRequest.UserOf(client);
        if (_settings.PreviousResponseId is not { } previousId)
            return request;
        _previous = await store.FindAsync(previousId, _owner) ?? throw ResponsesErrors.PreviousResponseNotFound(previousId);
        var conversation = new ResponsesConversation();
        if (_settings.Instructions is { } instructions)
            conversation.AddInstructions(instructions);
        var stored = JsonPath.Of("previous_response_id");
        foreach (var item in _previous.Conversation)
            conversation.AddItem(item, stored);
        ResponsesRequestParser.ReadInput(_body, conversation);
        _conversation = conversation;
        return request with { Messages = conversation.Messages };
    }

    public JsonElement Translate(ChatRequest request, WireFormat target)
    {
        switch (target)
        {
            case WireFormat.OpenAi:
                return OpenAiRequestWriter.WriteBody(request, _conversation.PathOf);
            case WireFormat.Anthropic:
                try
                {
                    return AnthropicRequestWriter.Write(request.BodyFor(WireFormat.OpenAi), request.Model);
                }
                catch (GatewayException refused)
                {
                    throw new GatewayException(ChatParamNames.Rename(refused.Error, _conversation));
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "A Responses API request is translated for OpenAI-compatible and Anthropic upstreams.");
        }
    }

    /// <summary>The answer (choice 0) as a response object, one output item per part: reasoning, text, function calls, in order.</summary>
    public ReadOnlyMemory<byte> EncodeCompletion(ResponseIdentity identity, ChatCompletion completion)
    {
        _identity = identity;
        var reader = new AnswerDeltaReader();
        var builder = ChatPartsBuilder.Of(reader.ReadCompletion(completion));
        var output = builder.Build().Select((part, index) => part switch
        {
            // Reasoning the provider keeps encrypted, and signatures, are Anthropic's to read back: not in the output.
            ThinkingPart { EncryptedContent: not null } => null,
            ToolCallPart { Id.Length: 0 } call => call with { Id = ResponsesWire.ItemId("call_", identity, index) },
            _ => part,
        }).OfType<ContentPart>().ToList();
        var status = ResponseStatus.Of(builder.FinishReason ?? completion.FinishReason);
        return JsonResponse.Serialize((identity, _settings, status, output, completion.Usage, reader.ReasoningTokens), static (writer, state) =>
            ResponsesWire.WriteResponse(writer, state.identity, state._settings, state.status, state.output, state.Usage, state.ReasoningTokens));
    }

    public ValueTask AnsweredAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) => KeepAsync(body, cancellationToken);

    public IChatStreamEncoder CreateStreamEncoder(ResponseIdentity identity, ChatRequest request)
    {
        _identity = identity;
        return new ResponsesStreamEncoder(identity, _settings, KeepAsync);
    }

    /// <summary>Keeps the response and the conversation before it, when the request asked to store it.</summary>
    private async ValueTask KeepAsync(ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        if (!_settings.Store || _identity is null)
            return;
        var input = (_previous?.Conversation ?? []).Concat(_settings.Input.EnumerateArray());
        await store.KeepAsync(_identity.Id, StoredResponse.Serialize(_owner, input, response.Span));
    }
}
