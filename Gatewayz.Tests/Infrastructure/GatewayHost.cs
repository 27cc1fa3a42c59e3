using System.ClientModel;
using System.Text.Json;
using Anthropic;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A real gateway on Kestrel (loopback, free port) with the shipped configuration, made calm for
/// tests: simulators answer at once, never fail at random and have no outages, unless a test
/// overrides that through <paramref name="settings"/>.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>
{
    public const string DevelopmentKey = "gwz-dev-local-key-0001";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;
    private readonly string? _ownJournal;

    private GatewayHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services, string environment)
    {
        _settings = settings;
        _services = services;
        _environment = environment;
        // Each gateway journals its credit debits in a folder of its own, deleted with it, unless the test
        // chose one (to restart on it): never the machine's default, where another test's could be replayed.
        if (!settings.ContainsKey(JournalSetting))
            settings[JournalSetting] = _ownJournal = Path.Combine(Path.GetTempPath(), "gwz-journal-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The setting of the credit debit journal's folder.</summary>
    public const string JournalSetting = "Gatewayz:Credits:JournalDirectory";

    public Uri BaseUrl { get; private set; } = null!;

    /// <param name="environment">The host environment; Development (the default) also loads the development API key.</param>
    public static GatewayHost Start(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Development")
    {
        var all = CalmSimulation();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var host = new GatewayHost(all, services, environment);
        // One explicit loopback listener: Kestrel picks the port, nothing else touches the addresses.
        host.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Host settings are visible while Program.cs registers services (e.g. whether a connection
        // string is set); app configuration from the factory only arrives after Build.
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
            builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownJournal is not null && Directory.Exists(_ownJournal))
            Directory.Delete(_ownJournal, recursive: true);
    }

    public HttpClient CreateHttpClient(string? apiKey = DevelopmentKey) => CreateHttpClient(BaseUrl, apiKey);

    /// <summary>A client of the gateway at <paramref name="baseUrl"/>, with <paramref name="apiKey"/> as its bearer token.</summary>
    public static HttpClient CreateHttpClient(Uri baseUrl, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    public OpenAIClient CreateOpenAiClient(string apiKey = DevelopmentKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = new Uri(BaseUrl, "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0) });

    public ChatClient CreateChatClient(string model) => CreateOpenAiClient().GetChatClient(model);

    public AnthropicClient CreateAnthropicClient(string apiKey = DevelopmentKey) =>
        new() { ApiKey = apiKey, BaseUrl = BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 };

    public async Task<string> ScrapeMetricsAsync()
    {
        using var client = CreateHttpClient(apiKey: null);
        return await client.GetStringAsync("/metrics");
    }

    /// <summary>Zero error and rate-limit rates and empty outage windows for every shipped simulated provider.</summary>
    public static Dictionary<string, string?> CalmSimulation()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gatewayz:SimulationTimeScale"] = "0",
            ["Gatewayz:SimulationSeed"] = "42",
        };
        using var shipped = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Api, "appsettings.json")));
        foreach (var provider in shipped.RootElement.GetProperty("Gatewayz").GetProperty("Providers").EnumerateObject())
        {
            var simulation = $"Gatewayz:Providers:{provider.Name}:Simulation";
            settings[$"{simulation}:ErrorRate"] = "0";
            settings[$"{simulation}:RateLimitRate"] = "0";
            if (provider.Value.TryGetProperty("Simulation", out var sim) && sim.TryGetProperty("Outages", out var outages))
            {
                for (var i = 0; i < outages.GetArrayLength(); i++)
                    settings[$"{simulation}:Outages:{i}:DurationSeconds"] = "0";
            }
        }
        return settings;
    }
}
