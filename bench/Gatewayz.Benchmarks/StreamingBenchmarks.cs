using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Chat;
using Gatewayz.Api.OpenAi;
using Gatewayz.Api.Streaming;
using Microsoft.AspNetCore.Http;

namespace Gatewayz.Benchmarks;

/// <summary>One streamed chunk to the client: an SSE frame whose JSON is written straight into the response pipe.</summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    private ServerSentEventWriter _sse = null!;
    private ResponseIdentity _identity = null!;

    [GlobalSetup]
    public void Setup()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        _sse = new ServerSentEventWriter(context.Response);
        _identity = ResponseIdentity.Create("chatcmpl-", HotPathSamples.Model, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _sse.Dispose();

    [Benchmark(Description = "ResponseIdentity.Create")]
    public ResponseIdentity CreateIdentity() => ResponseIdentity.Create("chatcmpl-", HotPathSamples.Model, TimeProvider.System);

    [Benchmark(Description = "OpenAiWire.WriteChunk via ServerSentEventWriter")]
    public ValueTask WriteChunk()
    {
        OpenAiWire.WriteChunk(_sse.BeginEvent(), _identity, " in transit", includeRole: false, finishReason: null);
        return _sse.EndEventAsync(CancellationToken.None);
    }
}
