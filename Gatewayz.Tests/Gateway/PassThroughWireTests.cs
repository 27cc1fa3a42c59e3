using System.Net;
using System.Text.RegularExpressions;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// However the upstream frames its stream (line endings, TCP writes that cut a line ending or a UTF-8
/// character in two, SSE fields other than <c>data</c>, comments), the client gets every event intact.
/// The upstream's answer is always the same recorded stream (<c>text.sse</c>: two-, three- and four-byte
/// characters), framed differently.
/// </summary>
public sealed partial class PassThroughWireTests : IAsyncLifetime
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(30);

    private static readonly Dictionary<string, Func<string, UpstreamFrame[]>> Framings = new()
    {
        ["one_write"] = UpstreamFrame.Whole,
        ["crlf_line_endings"] = sse => UpstreamFrame.Whole(sse.Replace("\n", "\r\n")),
        ["cr_line_endings"] = sse => UpstreamFrame.Whole(sse.Replace("\n", "\r")),
        ["cr_and_lf_in_separate_writes"] = sse => UpstreamFrame.Cut(sse.Replace("\n", "\r\n"), (bytes, i) => bytes[i] == '\r', Pause),
        // Every multi-byte character arrives one byte per write.
        ["utf8_characters_split_across_writes"] = sse => UpstreamFrame.Cut(sse, (bytes, i) => i + 1 < bytes.Length && IsUtf8Continuation(bytes[i + 1]), Pause),
        ["every_byte_in_its_own_write"] = sse => UpstreamFrame.Cut(sse, (_, _) => true, TimeSpan.Zero),
        ["event_and_id_lines"] = sse => UpstreamFrame.Whole(WithEventAndIdLines(sse)),
        ["comments_between_and_inside_events"] = sse => UpstreamFrame.Whole(DataLine().Replace(sse, ": PROCESSING\n\n$1\n: still here\n")),
        ["data_without_a_space_after_the_colon"] = sse => UpstreamFrame.Whole(sse.Replace("data: ", "data:")),
    };

    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Theory]
    [InlineData("one_write")]
    [InlineData("crlf_line_endings")]
    [InlineData("cr_line_endings")]
    [InlineData("cr_and_lf_in_separate_writes")]
    [InlineData("utf8_characters_split_across_writes")]
    [InlineData("every_byte_in_its_own_write")]
    [InlineData("event_and_id_lines")]
    [InlineData("comments_between_and_inside_events")]
    [InlineData("data_without_a_space_after_the_colon")]
    public async Task Every_event_reaches_the_client_intact_whatever_the_upstreams_framing(string framing)
    {
        var upstreamStream = WireFixtures.OpenAi("text.sse");
        _relay.Upstream.Behavior = new UpstreamBehavior { Frames = Framings[framing](upstreamStream) };

        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream: true, includeUsage: true));

        status.ShouldBe(HttpStatusCode.OK);
        RelayAssert.StreamRelayed(SseText.JsonEvents(upstreamStream), body);
    }

    private static bool IsUtf8Continuation(byte value) => (value & 0xC0) == 0x80;

    private static string WithEventAndIdLines(string sse)
    {
        var id = 0;
        return DataLine().Replace(sse, match => $"event: message\nid: {++id}\n{match.Groups[1].Value}\n");
    }

    [GeneratedRegex("^(data: .*)\n", RegexOptions.Multiline)]
    private static partial Regex DataLine();

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
