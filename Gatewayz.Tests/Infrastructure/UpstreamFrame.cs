using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// Bytes <see cref="FakeUpstream"/> writes and flushes as one piece, then waits <see cref="DelayAfter"/>:
/// a sequence of frames is any framing of an answer a network can produce (a line ending or a UTF-8
/// character split across two reads, an event in many pieces).
/// </summary>
public readonly record struct UpstreamFrame(byte[] Bytes, TimeSpan DelayAfter)
{
    /// <summary>The whole text in one write.</summary>
    public static UpstreamFrame[] Whole(string text) => [new(Encoding.UTF8.GetBytes(text), TimeSpan.Zero)];

    /// <summary>
    /// The text's UTF-8 bytes cut after every byte index for which <paramref name="cutAfter"/> says yes
    /// (given all the bytes and the index), with <paramref name="pause"/> after each piece but the last.
    /// </summary>
    public static UpstreamFrame[] Cut(string text, Func<byte[], int, bool> cutAfter, TimeSpan pause)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var frames = new List<UpstreamFrame>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i == bytes.Length - 1 || cutAfter(bytes, i))
            {
                frames.Add(new UpstreamFrame(bytes[start..(i + 1)], i == bytes.Length - 1 ? TimeSpan.Zero : pause));
                start = i + 1;
            }
        }
        return [.. frames];
    }
}
