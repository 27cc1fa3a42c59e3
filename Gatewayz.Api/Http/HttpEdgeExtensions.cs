using Gatewayz.Api.Catalog;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Http;

/// <summary>What the gateway accepts at the HTTP level before an endpoint runs: compressed bodies and their size.</summary>
public static class HttpEdgeExtensions
{
    /// <summary>Request decompression (gzip, deflate, br) and the body limit.</summary>
    public static IHostApplicationBuilder AddHttpEdges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRequestDecompression();
        builder.Services.PostConfigure<RequestDecompressionOptions>(options =>
        {
            foreach (var (encoding, provider) in options.DecompressionProviders.ToList())
                options.DecompressionProviders[encoding] = new ClientBodyDecompressionProvider(encoding, provider);
        });

        // The server's limit is the gateway's own: decompression checks the decoded body against the
        // server's limit, so a small compressed body cannot expand past it on any endpoint.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) => kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>Decodes gzip, deflate and br request bodies; any other Content-Encoding gets 415.</summary>
    public static WebApplication UseRequestBodyDecoding(this WebApplication app)
    {
        app.UseRequestDecompression();
        app.UseMiddleware<UnsupportedContentEncodingMiddleware>();
        return app;
    }
}
