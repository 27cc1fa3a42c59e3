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
    protected override HttpRequestMessage CreateChatRequest(ProviderCall call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "messages")
        {
            Content = new ReadOnlyMemoryContent(AnthropicRequestBody.Write(call.Request.BodyFor(WireFormat.Anthropic), call.UpstreamModel)),
        };
        request.Content.Headers.ContentType = Json;
        if (call.Request.ClientHeaders is { } headers)
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
