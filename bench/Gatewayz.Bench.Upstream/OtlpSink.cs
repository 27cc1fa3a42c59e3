namespace Gatewayz.Bench.Upstream;

/// <summary>
/// An OTLP/HTTP receiver that accepts and discards, so the gateway under load pays for serialising and
/// sending its spans, logs and metrics as it would to a collector. <c>GET /otlp/received</c> reports
/// what arrived, so the benchmark can show the export really happened.
/// </summary>
public static class OtlpSink
{
    private static long _requests;
    private static long _bytes;

    public static void MapOtlpSink(this WebApplication app)
    {
        foreach (var signal in new[] { "traces", "metrics", "logs" })
            app.MapPost($"/v1/{signal}", AcceptAsync);
        app.MapGet("/otlp/received", () => $"{Interlocked.Read(ref _requests)} {Interlocked.Read(ref _bytes)}\n");
    }

    private static async Task AcceptAsync(HttpContext context)
    {
        var counter = new CountingStream();
        await context.Request.Body.CopyToAsync(counter, context.RequestAborted);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytes, counter.Length);
        context.Response.ContentType = "application/x-protobuf"; // an empty Export…ServiceResponse
    }
}
