using System.Text.Json.Serialization;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gatewayz.Api.Http;

/// <summary>What the gateway accepts at the HTTP level before an endpoint runs: compressed bodies, their size, browsers' cross-origin calls.</summary>
public static class HttpEdgeExtensions
{
    /// <summary>Request decompression (gzip, deflate, br), the body limit and the CORS policy from <c>Gatewayz:Cors</c>.</summary>
    public static IHostApplicationBuilder AddHttpEdges(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRequestDecompression();
        builder.Services.PostConfigure<RequestDecompressionOptions>(options =>
        {
            foreach (var (encoding, provider) in options.DecompressionProviders.ToList())
                options.DecompressionProviders[encoding] = new ClientBodyDecompressionProvider(encoding, provider);
        });

        // Bodies bound by the framework (the admin API) refuse a repeated key as the chat endpoints do: which copy
        // counts is up to each parser, and a body must mean one thing. A number must be a JSON number: the web
        // defaults would also read "10" as 10, and a credit amount sent as a string is more likely a mistake.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // A body the framework cannot bind throws in every environment (not only Development), so the error
        // middleware can name the field at fault (StatusCodeErrors.ForBadRequest) instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

        // The server's limit is the gateway's own: decompression checks the decoded body against the
        // server's limit, so a small compressed body cannot expand past it on any endpoint.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            {
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes;
                // "Server: Kestrel" tells a scanner what to try and a client nothing it needs.
                kestrel.AddServerHeader = false;
            });

        builder.Services.AddOptions<CrossOriginOptions>()
            .Bind(builder.Configuration.GetSection(CrossOriginOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CrossOriginOptions>, CrossOriginOptionsValidator>();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>()
            .Configure<IOptions<CrossOriginOptions>, IHostEnvironment>((cors, settings, environment) =>
                cors.AddDefaultPolicy(policy => ConfigurePolicy(policy, settings.Value, environment.IsDevelopment())));
        return builder;
    }

    /// <summary>Security headers on every answer, errors included (<see cref="SecurityHeadersMiddleware"/>): first in the pipeline.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>
    /// Answers CORS preflights (204) and adds the allow headers to cross-origin answers. Placed after
    /// routing and before metrics and the endpoints, so a preflight needs no API key and is never
    /// counted as a request.
    /// </summary>
    public static WebApplication UseGatewayCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    /// <summary>
    /// Reports a body the client framed badly as a 400 whoever reads it (<see cref="ClientBodyStream"/>), then
    /// decodes gzip, deflate and br request bodies; any other Content-Encoding gets 415.
    /// </summary>
    public static WebApplication UseRequestBodyDecoding(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
                context.Request.Body = new ClientBodyStream(context.Request.Body, context);
            return next(context);
        });
        app.UseRequestDecompression();
        app.UseMiddleware<UnsupportedContentEncodingMiddleware>();
        return app;
    }

    private static void ConfigurePolicy(CorsPolicyBuilder policy, CrossOriginOptions settings, bool anyOrigin)
    {
        if (anyOrigin)
            policy.AllowAnyOrigin();
        else
            policy.WithOrigins([.. settings.AllowedOrigins]);
        // Any request header: the SDKs send their own (x-stainless-*, anthropic-*), and the list grows.
        policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders(HeaderNames.RetryAfter, ResponseCache.HeaderName)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }
}
