using System.Text.Json;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A chat request in the gateway's own terms, and the body each upstream format receives
/// (<see cref="BodyFor"/>): the client's own body for an upstream of the client's format, so the upstream
/// receives every parameter the client sent; a translation (<see cref="Translator"/>) for the others (both, for a
/// Responses API client, whose format no upstream speaks). On
/// <c>/v1/chat/completions</c> the parser fills only what the gateway itself reads (<see cref="Tools"/>,
/// <see cref="ToolChoice"/>, <see cref="Stop"/>, <see cref="TopK"/> and <see cref="User"/> stay unset). The
/// client's document belongs to the HTTP request (see <see cref="RequestJson"/>).
/// </summary>
public sealed record ChatRequest : IRoutedRequest
{
    // The translations into the upstream formats that are not the client's, each made when a route of that format
    // is first tried: either the body or why that format cannot express the request. Routes are tried one at a time.
    // Value fields, so that a copy made with `with` before any route is tried starts with none.
    private Translation _toOpenAi;
    private Translation _toAnthropic;

    /// <summary>OpenAI's and Anthropic's <c>model</c>, as the client named it.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The conversation: OpenAI's <c>messages</c>; Anthropic's <c>system</c> (as a first <c>system</c>
    /// message, one text part per block) and <c>messages</c> (one part per content block).
    /// </summary>
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    /// <summary>The OpenAI chat-completions body, as an OpenAI-compatible upstream receives it (see <see cref="BodyFor"/>).</summary>
    public JsonElement Body => BodyFor(WireFormat.OpenAi);

    /// <summary>Writes the request in a format other than the client's; null when the request was built in the gateway's own format.</summary>
    public IRequestTranslator? Translator { get; init; }

    /// <summary>The wire format the client spoke; an upstream of the same format receives <see cref="ClientBody"/>.</summary>
    public WireFormat ClientFormat { get; init; }

    /// <summary>
    /// The client's body as it sent it (on <c>/v1/chat/completions</c> the same as <see cref="Body"/>): what
    /// an upstream that speaks the client's format receives, with only <c>model</c> rewritten.
    /// </summary>
    public JsonElement ClientBody { get; init; }

    /// <summary>
    /// Headers of the client's request that an upstream of the client's format is sent as they came
    /// (Anthropic's <c>anthropic-beta</c>); null when there are none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? ClientHeaders { get; init; }

    /// <summary>OpenAI's and Anthropic's <c>stream</c>.</summary>
    public bool Stream { get; init; }

    /// <summary>OpenAI's <c>stream_options.include_usage</c>; always on for Anthropic, whose stream always reports usage.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>OpenAI's <c>max_completion_tokens</c> or <c>max_tokens</c>; Anthropic's <c>max_tokens</c>.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Functions the model may call: OpenAI's <c>tools[].function</c>; Anthropic's custom <c>tools[]</c>.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>
    /// How the model may use <see cref="Tools"/>: OpenAI's <c>tool_choice</c> and <c>parallel_tool_calls</c>;
    /// Anthropic's <c>tool_choice</c> with its <c>disable_parallel_tool_use</c>.
    /// </summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Sequences that end the answer when generated: OpenAI's <c>stop</c>; Anthropic's <c>stop_sequences</c>.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Sampling temperature: OpenAI's <c>temperature</c> (0 to 2); Anthropic's <c>temperature</c> (0 to 1).</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling: OpenAI's and Anthropic's <c>top_p</c>.</summary>
    public double? TopP { get; init; }

    /// <summary>
    /// Sampling from the K likeliest tokens only: Anthropic's <c>top_k</c>. Not in OpenAI's API; vLLM,
    /// SGLang and OpenRouter read it from an OpenAI-format body as <c>top_k</c>.
    /// </summary>
    public int? TopK { get; init; }

    /// <summary>The client's end user, for the upstream's abuse monitoring: OpenAI's <c>user</c>; Anthropic's <c>metadata.user_id</c>.</summary>
    public string? User { get; init; }

    /// <summary>
    /// Whether and how much the model should reason first: Anthropic's <c>thinking</c>, which an OpenAI-compatible
    /// upstream receives as <c>reasoning_effort</c>. Unset on <c>/v1/chat/completions</c>, whose body carries its own.
    /// </summary>
    public ThinkingRequest? Thinking { get; init; }

    /// <summary>
    /// The shape of the answer's text: the Responses API's <c>text.format</c>, which an OpenAI-compatible upstream
    /// receives as <c>response_format</c>. Unset on <c>/v1/chat/completions</c>, whose body carries its own.
    /// </summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>
    /// How much the model should reason first, as OpenAI's levels (<see cref="ReasoningEfforts.Levels"/>): the Responses
    /// API's <c>reasoning.effort</c>, which an OpenAI-compatible upstream receives as <c>reasoning_effort</c>. Unset on
    /// <c>/v1/chat/completions</c>, whose body carries its own, and on <c>/v1/messages</c> (see <see cref="Thinking"/>).
    /// </summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Prompt size as a tokenizer-free estimate, used when an upstream reports no usage.</summary>
    public int EstimatedInputTokens => TokenEstimator.CountPrompt(Messages);

    /// <summary>
    /// The body an upstream of <paramref name="format"/> receives, its <c>model</c> still the client's:
    /// <see cref="ClientBody"/> when that is the client's format, else the <see cref="Translator"/>'s
    /// translation, made once.
    /// </summary>
    /// <exception cref="GatewayException">A 400 naming what <paramref name="format"/> cannot express of the request.</exception>
    public JsonElement BodyFor(WireFormat format) =>
        RefusalFor(format) is { } refusal ? throw new GatewayException(refusal)
        : format == ClientFormat || Translator is null ? ClientBody
        : TranslationTo(format).Body;

    /// <summary>An upstream whose format cannot express the request is skipped as <see cref="FailoverReasons.Untranslatable"/>.</summary>
    RouteRefusal? IRoutedRequest.RefusalBy(IChatProvider provider) =>
        RefusalFor(provider.Format) is { } refusal ? new RouteRefusal(refusal, FailoverReasons.Untranslatable) : null;

    /// <summary>Why an upstream of <paramref name="format"/> cannot be sent this request (a 400 naming the field or part), or null when it can.</summary>
    public GatewayError? RefusalFor(WireFormat format)
    {
        if (format == ClientFormat || Translator is null)
            return null;
        ref var translation = ref TranslationTo(format);
        if (translation.Body.ValueKind == JsonValueKind.Undefined && translation.Refusal is null)
        {
            try
            {
                translation.Body = Translator.Translate(this, format);
            }
            catch (GatewayException refused)
            {
                translation.Refusal = refused.Error;
            }
        }
        return translation.Refusal;
    }

    private ref Translation TranslationTo(WireFormat format)
    {
        if (format == WireFormat.OpenAi) return ref _toOpenAi;
        if (format == WireFormat.Anthropic) return ref _toAnthropic;
        throw new ArgumentOutOfRangeException(nameof(format), format, "Upstreams speak OpenAI's or Anthropic's format.");
    }

    private struct Translation
    {
        public JsonElement Body;
        public GatewayError? Refusal;
    }
}
