namespace Gatewayz.Tests.Infrastructure;

/// <summary>What <see cref="FakeUpstream"/> does with the next requests.</summary>
public sealed record UpstreamBehavior
{
    public int Status { get; init; } = 200;
    public int? ProbeStatus { get; init; }
    public string? RetryAfter { get; init; }
    /// <summary>The body of a failed status, sent as it is; null sends a small OpenAI error object.</summary>
    public string? ErrorBody { get; init; }
    public string ErrorContentType { get; init; } = "application/json";
    public TimeSpan HeaderDelay { get; init; }
    public TimeSpan ChunkDelay { get; init; }
    public string[] Chunks { get; init; } = ["Hello", " from", " upstream"];
    public int? DisconnectAfterChunks { get; init; }
    /// <summary>SSE comment lines (<c>: PROCESSING</c>, as OpenRouter sends) written before the first chunk, one per <see cref="CommentInterval"/>.</summary>
    public int LeadingComments { get; init; }
    public TimeSpan CommentInterval { get; init; }
    /// <summary>A stream's whole body, sent as it is (comments, CRLF, <c>[DONE]</c> or none) before the response ends cleanly.</summary>
    public string? RawStream { get; init; }
    /// <summary>A non-streamed 200 answer's body, sent as it is.</summary>
    public string? RawBody { get; init; }
    /// <summary>
    /// A 200 answer's body (a stream's or a completion's, whichever was asked for) as raw byte frames, each
    /// written and flushed, then its delay waited, before the response ends cleanly. Takes precedence
    /// over <see cref="RawStream"/>, <see cref="RawBody"/> and the generated answers.
    /// </summary>
    public IReadOnlyList<UpstreamFrame>? Frames { get; init; }
    public bool AbortConnection { get; init; }
    /// <summary>Sends the usage chunk before chunk number N instead of after the last one (as some providers report usage early).</summary>
    public int? UsageBeforeChunk { get; init; }
    public int PromptTokens { get; init; } = 11;
    public int CompletionTokens { get; init; } = 3;
}
