using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Tests.Telemetry;

/// <summary>A real HTTP server on loopback that accepts Pyroscope ingest requests and keeps them.</summary>
internal sealed class FakePyroscope : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakePyroscope(WebApplication app) => _app = app;

    public ConcurrentQueue<IngestRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakePyroscope> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var pyroscope = new FakePyroscope(app);
        app.MapPost("/ingest", pyroscope.IngestAsync);
        await app.StartAsync();
        pyroscope.BaseUrl = new Uri(app.Urls.First());
        return pyroscope;
    }

    private async Task IngestAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files["profile"];
        using var body = new MemoryStream();
        if (file is not null) await file.CopyToAsync(body);
        Requests.Enqueue(new IngestRequest(
            context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()),
            body.ToArray()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record IngestRequest(IReadOnlyDictionary<string, string> Query, byte[] Profile);
}
