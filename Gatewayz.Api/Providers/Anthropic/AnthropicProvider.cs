using System.Net.Http.Headers;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>
/// Calls an upstream that implements Anthropic's Messages API (<c>/messages</c>, <c>/models</c>): the key as
/// <c>x-api-key</c>, the configured <c>anthropic-version</c>, and the client's <c>anthropic-beta</c>. It
/// serves Anthropic clients with their own body (model rewritten), their answers relayed as sent, and OpenAI
/// clients with their body translated, their answers translated back.
/// </summary>
public sealed class AnthropicProvider(string name, ProviderOptions options, HttpClient http)
    : HttpChatProvider<AnthropicEventDecoder>(name, options, http)
{
    /// <summary>The API version sent when <see cref="ProviderOptions.AnthropicVersion"/> is not set.</summary>
    public const string DefaultVersion = "2023-06-01";

    /// <summary>Where Anthropic's own API lives, when <see cref="ProviderOptions.BaseUrl"/> is not set.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com/v1");

    /// <summary>The request headers of an Anthropic client that go to an Anthropic upstream as they came.</summary>
    public static readonly IReadOnlyList<string> ClientHeaders = ["anthropic-beta"];

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly string _version = string.IsNullOrEmpty(options.AnthropicVersion) ? DefaultVersion : options.AnthropicVersion;

    public override WireFormat Format => WireFormat.Anthropic;

    /// <summary>Anthropic's list pages hold 20 models unless asked for more; 1000 is the most it gives.</summary>
    protected override string ModelsPath => "models?limit=1000";

    /// <summary>
    /// An Anthropic client's own body, or an OpenAI client's body translated (<see cref="AnthropicRequestWriter"/>),
    /// with the model rewritten.
    /// </summary>
    protected override HttpRequestMessage CreateChatRequest(ProviderCall call) =>
        Post("messages", AnthropicRequestBody.Write(call.Request.BodyFor(WireFormat.Anthropic), call.UpstreamModel), call.Request);

    /// <summary>
    /// The upstream's count of an Anthropic client's prompt: <c>POST {BaseUrl}/messages/count_tokens</c> (Anthropic's
    /// Token Count API) with the client's body, only <c>model</c> rewritten (<see cref="AnthropicRequestBody"/>), and the
    /// headers of a message request. Returns the upstream's body as it sent it — <c>{"input_tokens":N}</c> and whatever
    /// else it adds — once checked to hold a whole-number <c>input_tokens</c>. Time to first byte bounds the wait for
    /// the headers, <see cref="ProviderOptions.TotalTimeoutSeconds"/> the body. Throws <see cref="UpstreamException"/>
    /// as a chat call does (a 4xx the client can fix is a <see cref="UpstreamFailureKind.ClientError"/> with the
    /// upstream's error object), and <see cref="UpstreamFailureKind.InvalidResponse"/> for a body without a count.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> CountTokensAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        using var request = Post("messages/count_tokens", AnthropicRequestBody.Write(call.Request.ClientBody, call.UpstreamModel), call.Request);
        var body = await ReadBodyAsync(request, TimeSpan.FromSeconds(Options.TotalTimeoutSeconds), cancellationToken);
        AnthropicResponseReader.ReadTokenCount(body);
        return body;
    }

    /// <summary>A JSON POST to <paramref name="path"/> (relative to the base URL) with the client's forwarded headers.</summary>
    private static HttpRequestMessage Post(string path, ReadOnlyMemory<byte> body, ChatRequest client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = Json;
        if (client.ClientHeaders is { } headers)
        {
            foreach (var (header, value) in headers)
                request.Headers.TryAddWithoutValidation(header, value);
        }
        return request;
    }

    protected override void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(Options.ApiKey))
            request.Headers.TryAddWithoutValidation("x-api-key", Options.ApiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", _version);
    }

    protected override ChatCompletion ReadCompletion(ReadOnlyMemory<byte> body, ProviderCall call) =>
        AnthropicResponseReader.ReadMessage(body, call.Request.EstimatedInputTokens, Name, Redactor);

    protected override AnthropicEventDecoder CreateDecoder() => new(Name, Redactor);
}
