using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Chat;
using Microsoft.AspNetCore.Http;

namespace Gatewayz.Benchmarks;

/// <summary>
/// Reading a client's body off the request and validating it, as the OpenAI and Anthropic endpoints do;
/// the body's pooled buffers go back at the end, as they do when a request ends.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private const long Limit = 1024 * 1024;

    private readonly DefaultHttpContext _openAi = ContextWith(HotPathSamples.OpenAiBody);
    private readonly DefaultHttpContext _anthropic = ContextWith(HotPathSamples.AnthropicBody);

    [Benchmark(Description = "RequestBodyReader + OpenAiChatRequestParser")]
    public async Task<ChatRequest> OpenAi()
    {
        _openAi.Request.Body.Position = 0;
        using var body = await RequestBodyReader.ReadJsonObjectAsync(_openAi.Request, Limit, CancellationToken.None);
        return OpenAiChatRequestParser.Parse(body.Root);
    }

    [Benchmark(Description = "RequestBodyReader + AnthropicRequestParser")]
    public async Task<ChatRequest> Anthropic()
    {
        _anthropic.Request.Body.Position = 0;
        using var body = await RequestBodyReader.ReadJsonObjectAsync(_anthropic.Request, Limit, CancellationToken.None);
        return AnthropicRequestParser.Parse(body.Root);
    }

    private static DefaultHttpContext ContextWith(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context;
    }
}
