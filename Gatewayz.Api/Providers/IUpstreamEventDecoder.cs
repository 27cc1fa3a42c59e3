using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers;

/// <summary>What <see cref="UpstreamEventReader{TDecoder}"/> made of one event's data.</summary>
public enum UpstreamEvent
{
    /// <summary>An event to skip.</summary>
    Nothing,
    /// <summary>A chunk of the answer.</summary>
    Chunk,
    /// <summary>The format's end-of-answer marker (OpenAI's <c>[DONE]</c>), itself no chunk.</summary>
    Done,
}

/// <summary>
/// The wire format's part of reading an upstream's event stream: what its events mean, when its answer is
/// complete and when a closed stream was cut short. One value per stream, holding that stream's state; a
/// struct, so the reader's calls to it are direct.
/// </summary>
public interface IUpstreamEventDecoder
{
    /// <summary>
    /// The name of an <c>event:</c> line's value as the decoder keeps it (known names without allocating),
    /// or null when the format has no use for it.
    /// </summary>
    string? EventName(ReadOnlySpan<byte> name);

    /// <summary>
    /// Reads one event's data (not blank) into <paramref name="chunk"/>. An event that reports a failure
    /// throws the <see cref="UpstreamException"/> that describes it.
    /// </summary>
    UpstreamEvent Decode(byte[] data, string? eventName, out ChatChunk chunk);

    /// <summary>Whether the answer is complete: nothing after this is read.</summary>
    bool Complete { get; }

    /// <summary>The failure of a stream that closed here, or null when the answer may end here.</summary>
    UpstreamException? ClosedEarly();
}
