using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Benchmarks;

/// <summary>
/// One whole upstream call through <see cref="OpenAiCompatibleProvider"/> against an in-process upstream:
/// writing the body, and reading the completion or a 40-chunk stream (text, finish, usage, [DONE]).
/// </summary>
[MemoryDiagnoser]
public class ProviderBenchmarks
{
    private const int TextChunks = 40;

    private OpenAiCompatibleProvider _completing = null!;
    private OpenAiCompatibleProvider _streaming = null!;
    private ProviderCall _call = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = new ProviderCall(OpenAiChatRequestParser.Parse(JsonElement.Parse(HotPathSamples.OpenAiBody)), "gpt-4o-mini");
        _completing = ProviderAnswering(HotPathSamples.UpstreamCompletion, "application/json");
        _streaming = ProviderAnswering(UpstreamStream(), "text/event-stream");
    }

    [Benchmark(Description = "CompleteAsync (body + completion)")]
    public Task<ChatCompletion> Complete() => _completing.CompleteAsync(_call, CancellationToken.None);

    [Benchmark(Description = "StreamAsync (body + 40 text chunks + finish + usage)")]
    public async Task<int> Stream()
    {
        var count = 0;
        await foreach (var _ in _streaming.StreamAsync(_call, CancellationToken.None))
            count++;
        return count;
    }

    private static OpenAiCompatibleProvider ProviderAnswering(byte[] body, string mediaType) =>
        new("bench", new ProviderOptions(), new HttpClient(new CannedUpstreamHandler(body, mediaType)) { BaseAddress = new Uri("http://upstream.invalid/v1/") });

    private static byte[] UpstreamStream()
    {
        var stream = new StringBuilder();
        for (var i = 0; i < TextChunks; i++)
            stream.Append("data: ").Append(HotPathSamples.UpstreamTextChunk).Append("\n\n");
        stream.Append("data: ").Append(HotPathSamples.UpstreamTextChunk.Replace("\"content\":\" in transit\"", "\"content\":\"\"").Replace("\"finish_reason\":null", "\"finish_reason\":\"stop\"")).Append("\n\n");
        stream.Append("data: ").Append(HotPathSamples.UpstreamUsageChunk).Append("\n\n");
        stream.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(stream.ToString());
    }
}
