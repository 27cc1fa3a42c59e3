using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Wraps the response body to count the bytes written, so that streamed responses (SSE, no
/// Content-Length) get a response size too. One small object per request; every write is passed
/// straight through to the server's own pipe.
/// </summary>
internal sealed class CountingResponseBody(IHttpResponseBodyFeature inner) : PipeWriter, IHttpResponseBodyFeature
{
    private Stream? _stream;

    public long BytesWritten { get; private set; }

    public Stream Stream => _stream ??= AsStream(leaveOpen: true);

    public PipeWriter Writer => this;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken); // not used by the gateway; not counted

    public Task CompleteAsync() => inner.CompleteAsync();

    public override void Advance(int bytes)
    {
        BytesWritten += bytes;
        inner.Writer.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.Writer.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.Writer.GetSpan(sizeHint);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        BytesWritten += source.Length;
        return inner.Writer.WriteAsync(source, cancellationToken);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.Writer.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.Writer.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Writer.Complete(exception);

    public override bool CanGetUnflushedBytes => inner.Writer.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.Writer.UnflushedBytes;
}
