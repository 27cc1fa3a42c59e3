using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Tests.Containers;

/// <summary>A real HTTP server on loopback that records the notifications Alertmanager posts to its webhook.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonElement> Notifications { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/alerts", async (HttpContext context) =>
        {
            receiver.Notifications.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First() + "/alerts");
        return receiver;
    }

    /// <summary>Every alert of every notification so far, with the receiver that sent it.</summary>
    public IEnumerable<(string Receiver, JsonElement Alert)> Alerts() =>
        Notifications.SelectMany(notification => notification.GetProperty("alerts").EnumerateArray()
            .Select(alert => (notification.GetProperty("receiver").GetString()!, alert)));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
