using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers.Anthropic;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Providers.Simulation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Providers;

public static class ProviderServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new ProviderRegistry(CreateProviders(services)));
        builder.Services.AddSingleton<InferenceRecorder>();
        builder.Services.AddSingleton<RequestAdmission>();
        builder.Services.AddSingleton<InferenceService>();
        builder.Services.AddSingleton<ChatExchange>();
        builder.Services.AddSingleton<ChatHandler>();
        builder.Services.AddSingleton<OperationHandler>();
        return builder;
    }

    private static IEnumerable<IChatProvider> CreateProviders(IServiceProvider services)
    {
        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var (name, options) in gateway.Providers)
        {
            yield return options.Kind switch
            {
                ProviderKind.OpenAiCompatible => new OpenAiCompatibleProvider(name, options, CreateUpstreamClient(options)),
                ProviderKind.Anthropic => new AnthropicProvider(name, options, CreateUpstreamClient(options)),
                _ => new SimulatedProvider(name, options, gateway, time),
            };
        }
    }

    /// <summary>
    /// One long-lived client per provider. Pooled connections are recycled every few minutes so DNS
    /// changes are noticed, which is what IHttpClientFactory would otherwise be needed for.
    /// </summary>
    private static HttpClient CreateUpstreamClient(ProviderOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, options.TimeToFirstByteSeconds)),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        var baseUrl = options.BaseUrl!.ToString();
        return new HttpClient(handler)
        {
            BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
