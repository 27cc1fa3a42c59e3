using System.Net;
using System.Net.Http.Headers;

namespace Gatewayz.Benchmarks;

/// <summary>An in-process upstream that answers every call with the same bytes, so only the provider's own work is measured.</summary>
internal sealed class CannedUpstreamHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new MemoryStream(body, writable: false));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
