using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Metrics;

/// <summary>Active API keys from the key store; no subscriptions or trials without an account database (both 0).</summary>
public sealed class ApiKeyStoreBusinessMetricsSource(IApiKeyStore keys) : IBusinessMetricsSource
{
    private static readonly IReadOnlyDictionary<string, int> NoSubscriptions = new Dictionary<string, int>();

    public async ValueTask<BusinessSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        new(await keys.CountActiveAsync(cancellationToken), NoSubscriptions, ActiveTrials: 0);
}
