using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// <see cref="UpstreamBehavior.Frames"/> does what the wire tests rely on: a reader of the answer gets
/// each frame on its own, so a line ending or a UTF-8 character cut between two frames really arrives in two reads.
/// </summary>
public sealed class FakeUpstreamFramesTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeUpstream.StartAsync();

    [Fact]
    public async Task Each_frame_arrives_in_a_read_of_its_own()
    {
        // "é" is C3 A9: the first frame ends between its two bytes, the second between CR and LF.
        byte[][] pieces = [[.. "data: {\"content\":\"caf"u8, 0xC3], [0xA9, .. "\"}\r"u8], [.. "\n\r\n"u8]];
        _upstream.Behavior = new UpstreamBehavior { Frames = [.. pieces.Select(piece => new UpstreamFrame(piece, TimeSpan.FromMilliseconds(200)))] };
        using var http = new HttpClient { BaseAddress = new Uri(_upstream.BaseUrl + "/") };

        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent("""{"stream":true}""", Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var reads = new List<byte[]>();
        var buffer = new byte[4096];
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            reads.Add(buffer[..read]);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        reads.Select(Convert.ToHexString).ShouldBe(pieces.Select(Convert.ToHexString));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();
}
