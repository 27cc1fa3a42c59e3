namespace Gatewayz.Api.Http;

/// <summary>
/// The request body as the server reads it off the connection, with every failure that is the client's
/// doing reported as the <see cref="BadHttpRequestException"/> (400) it is. Kestrel reports most framing
/// faults that way itself, but not all: a chunk size too large for its counter ("Bad chunk size data", an
/// <see cref="OverflowException"/> inside) surfaces as a bare <see cref="IOException"/>, which every reader of
/// the body — the gateway's, the framework's model binding, request decompression — would otherwise take
/// for a server fault (a 500, an error log, the exception counter). A client that hangs up is not turned
/// into anything: the request is aborted and nobody is answered. The connection's stream stays the server's
/// to dispose.
/// </summary>
public sealed class ClientBodyStream(Stream inner, HttpContext context) : ReadOnlyBodyStream(inner)
{
    // Kestrel's own BadHttpRequestException (an IOException) already says what it is; an aborted request
    // (the client reset the connection) is nobody's 400.
    protected override Exception? Translate(Exception exception) =>
        exception is IOException and not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested
            ? new BadHttpRequestException($"The request body could not be read: {exception.Message}", StatusCodes.Status400BadRequest, exception)
            : null;
}
