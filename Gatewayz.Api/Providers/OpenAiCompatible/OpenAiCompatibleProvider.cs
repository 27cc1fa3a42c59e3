using System.Net.Http.Headers;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>Calls an upstream that implements OpenAI's <c>/chat/completions</c> and <c>/models</c>.</summary>
public sealed class OpenAiCompatibleProvider(string name, ProviderOptions options, HttpClient http)
    : HttpChatProvider<OpenAiEventDecoder>(name, options, http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public override WireFormat Format => WireFormat.OpenAi;

    protected override HttpRequestMessage CreateChatRequest(ProviderCall call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new ReadOnlyMemoryContent(UpstreamRequestBody.Write(call.Request, call.UpstreamModel)),
        };
        request.Content.Headers.ContentType = Json;
        return request;
    }

    protected override void Authorize(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(Options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
    }

    protected override ChatCompletion ReadCompletion(ReadOnlyMemory<byte> body, ProviderCall call) =>
        OpenAiResponseReader.ReadCompletion(body, call.Request.EstimatedInputTokens, Name, Redactor);

    protected override OpenAiEventDecoder CreateDecoder() => new(Name, Redactor);
}
