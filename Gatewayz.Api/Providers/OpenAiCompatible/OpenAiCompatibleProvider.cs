using System.Net.Http.Headers;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Calls an upstream that implements OpenAI's <c>/chat/completions</c> and <c>/models</c>, and its other JSON
/// endpoints the catalog's models serve (<c>/embeddings</c>, <c>/images/generations</c>, <c>/completions</c>).
/// </summary>
public sealed class OpenAiCompatibleProvider(string name, ProviderOptions options, HttpClient http)
    : HttpChatProvider<OpenAiEventDecoder>(name, options, http), IOperationProvider
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public override WireFormat Format => WireFormat.OpenAi;

    protected override HttpRequestMessage CreateChatRequest(ProviderCall call) =>
        JsonPost("chat/completions", UpstreamRequestBody.Write(call.Request, call.UpstreamModel));

    /// <summary>OpenAI's endpoints besides chat that the gateway relays: <c>/embeddings</c>, <c>/images/generations</c>, <c>/completions</c>.</summary>
    public bool Serves(ModelOperation operation) => operation is ModelOperation.Embeddings or ModelOperation.Images or ModelOperation.Completions;

    /// <summary>
    /// POSTs the client's body, <c>model</c> rewritten, to the operation's path (<c>{BaseUrl}/embeddings</c>, <c>{BaseUrl}/images/generations</c>, <c>{BaseUrl}/completions</c>) and reads
    /// the answer as a non-streamed chat's: time to first byte bounds the wait for the headers, the route's total
    /// timeout the whole call, and failed statuses become the same <see cref="UpstreamException"/> kinds.
    /// </summary>
    public async Task<OperationAnswer> SendAsync(OperationCall call, CancellationToken cancellationToken)
    {
        using var request = JsonPost(call.Request.UpstreamPath, call.Request.BodyFor(call.UpstreamModel));
        return call.Request.ReadAnswer(await ReadBodyAsync(request, Timeout.InfiniteTimeSpan, cancellationToken), Name, Redactor);
    }

    private static HttpRequestMessage JsonPost(string path, ReadOnlyMemory<byte> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ReadOnlyMemoryContent(body) };
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
