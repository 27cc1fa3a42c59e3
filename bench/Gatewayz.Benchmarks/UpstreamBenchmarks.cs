using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Benchmarks;

/// <summary>The upstream leg: the re-addressed body the gateway sends, and reading text and usage from the answer.</summary>
[MemoryDiagnoser]
public class UpstreamBenchmarks
{
    private static readonly byte[] TextChunk = Encoding.UTF8.GetBytes(HotPathSamples.UpstreamTextChunk);
    private static readonly byte[] UsageChunk = Encoding.UTF8.GetBytes(HotPathSamples.UpstreamUsageChunk);

    private static readonly UpstreamRedactor Redactor = new(null, null);

    private ChatRequest _request = null!;

    [GlobalSetup]
    public void Setup() => _request = OpenAiChatRequestParser.Parse(JsonElement.Parse(HotPathSamples.OpenAiBody));

    [Benchmark(Description = "UpstreamRequestBody.Write")]
    public ReadOnlyMemory<byte> WriteBody() => UpstreamRequestBody.Write(_request, "gpt-4o-mini");

    [Benchmark(Description = "OpenAiResponseReader.ReadCompletion")]
    public ChatCompletion ReadCompletion() => OpenAiResponseReader.ReadCompletion(HotPathSamples.UpstreamCompletion, 300, "bench", Redactor);

    [Benchmark(Description = "OpenAiResponseReader.ReadChunk (text)")]
    public ChatChunk ReadTextChunk() => OpenAiResponseReader.ReadChunk(TextChunk, "bench", Redactor);

    [Benchmark(Description = "OpenAiResponseReader.ReadChunk (usage)")]
    public ChatChunk ReadUsageChunk() => OpenAiResponseReader.ReadChunk(UsageChunk, "bench", Redactor);
}
