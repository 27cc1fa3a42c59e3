using System.Text;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Tests.Infrastructure;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>The upstream's event stream read as bytes: line endings, split reads and the end of the stream.</summary>
public sealed class UpstreamEventReaderTests
{
    private const string Hello = """{"choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""";
    private const string World = """{"choices":[{"index":0,"delta":{"content":"lo \u00e9t\u00e9 🌞"},"finish_reason":"stop"}]}""";
    private const string Usage = """{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}""";

    [Theory]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 1)]
    [InlineData("\r", 1)]
    [InlineData("\n", 4096)]
    [InlineData("\r\n", 7)]
    public async Task Chunks_are_read_whatever_the_line_ending_and_however_the_bytes_arrive(string newline, int bytesPerRead)
    {
        var stream = $": keep-alive{newline}{newline}event: message{newline}data: {Hello}{newline}{newline}data:{World}{newline}{newline}" +
                     $"data: {Usage}{newline}{newline}data: [DONE]{newline}{newline}";

        var chunks = await ReadAllAsync(stream, bytesPerRead);

        chunks.Select(Observed).ShouldBe([("Hel", null, null), ("lo été 🌞", "stop", null), (null, null, new TokenUsage(7, 3))]);
        chunks.Select(chunk => Encoding.UTF8.GetString(chunk.Payload.Json.Span)).ShouldBe([Hello, World, Usage]);
    }

    [Fact]
    public async Task Done_on_the_last_line_without_a_newline_still_ends_the_stream()
    {
        var chunks = await ReadAllAsync($"data: {Hello}\n\ndata: {World}\n\ndata: [DONE]", bytesPerRead: 3);

        chunks.Select(Observed).ShouldBe([("Hel", null, null), ("lo été 🌞", "stop", null)]);
    }

    [Fact]
    public async Task A_stream_that_ends_before_done_is_a_connection_failure()
    {
        var failure = await Should.ThrowAsync<UpstreamException>(() => ReadAllAsync($"data: {Hello}\n\n", bytesPerRead: 5));

        failure.Kind.ShouldBe(UpstreamFailureKind.Connection);
        failure.Message.ShouldContain("before [DONE]");
    }

    [Fact]
    public async Task A_data_line_that_is_not_json_is_an_invalid_response()
    {
        var failure = await Should.ThrowAsync<UpstreamException>(() => ReadAllAsync("data: {\"choices\":[\n\n", bytesPerRead: 64));

        failure.Kind.ShouldBe(UpstreamFailureKind.InvalidResponse);
    }

    [Theory]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 1)]
    [InlineData("\r\n", 4096)]
    [InlineData("\r", 2)]
    public async Task An_event_whose_data_spans_several_lines_is_one_event(string newline, int bytesPerRead)
    {
        var split = Hello.Replace("\"choices\":", newline + "data: \"choices\":");
        var stream = $"data: {split}{newline}{newline}data: {World}{newline}{newline}data: [DONE]{newline}{newline}";

        var chunks = await ReadAllAsync(stream, bytesPerRead);

        chunks.Select(Observed).ShouldBe([("Hel", null, null), ("lo été 🌞", "stop", null)]);
    }

    [Fact]
    public async Task Empty_data_lines_and_a_byte_order_mark_are_ignored()
    {
        var chunks = await ReadAllAsync($"\uFEFFdata: {Hello}\n\ndata: \n\ndata:\n\ndata: {World}\n\ndata: [DONE]\n\n", bytesPerRead: 2);

        chunks.Select(Observed).ShouldBe([("Hel", null, null), ("lo été 🌞", "stop", null)]);
    }

    [Fact]
    public async Task A_complete_answer_closed_without_done_ends_normally()
    {
        var chunks = await ReadAllAsync($"data: {Hello}\n\ndata: {World}\n\ndata: {Usage}\n\n", bytesPerRead: 7);

        chunks.Count.ShouldBe(3);
    }

    [Fact]
    public async Task An_event_named_error_is_a_failure_whatever_its_data()
    {
        var failure = await Should.ThrowAsync<UpstreamException>(() =>
            ReadAllAsync($"data: {Hello}\n\nevent: error\ndata: {{\"message\":\"overloaded\",\"code\":529}}\n\n", bytesPerRead: 64));

        failure.Kind.ShouldBe(UpstreamFailureKind.ServerError);
    }

    private static (string? Content, string? FinishReason, TokenUsage? Usage) Observed(ChatChunk chunk) => (chunk.Content, chunk.FinishReason, chunk.Usage);

    private static async Task<List<ChatChunk>> ReadAllAsync(string stream, int bytesPerRead)
    {
        var chunks = new List<ChatChunk>();
        await using var events = new UpstreamEventReader<OpenAiEventDecoder>(new TricklingStream(Encoding.UTF8.GetBytes(stream), bytesPerRead), new OpenAiEventDecoder("upstream", new UpstreamRedactor(null, null)));
        while (await events.ReadAsync(CancellationToken.None) is { } chunk)
            chunks.Add(chunk);
        return chunks;
    }
}
