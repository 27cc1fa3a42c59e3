/// <summary>A stand-in for Pyroscope on loopback that counts what it receives.</summary>
internal sealed class IngestCounter(WebApplication app) : IAsyncDisposable
{
    private long _profiles;
    private long _bytes;

    public Uri BaseUrl { get; private set; } = null!;

    public long Profiles => Interlocked.Read(ref _profiles);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<IngestCounter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var counter = new IngestCounter(app);
        app.MapPost("/ingest", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            Interlocked.Increment(ref counter._profiles);
            Interlocked.Add(ref counter._bytes, form.Files["profile"]?.Length ?? 0);
        });
        await app.StartAsync();
        counter.BaseUrl = new Uri(app.Urls.First());
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
