using System.Collections.Frozen;
using Gatewayz.Api.Catalog;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Auth;

/// <summary>Keys from configuration, for the embedded run without an account database.</summary>
public sealed class ConfiguredApiKeyStore(IOptions<GatewayOptions> options) : IApiKeyStore
{
    private readonly FrozenDictionary<ApiKeyHash, ClientIdentity> _byHash = options.Value.ApiKeys
        .Select(key => (Hash: ApiKeyHash.Of(key.Key), key))
        .ToFrozenDictionary(
            entry => entry.Hash,
            entry => new ClientIdentity(entry.Hash.ShortId, entry.key.UserId, entry.key.Name, [.. entry.key.Roles]));

    public ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byHash.GetValueOrDefault(hash));

    public ValueTask<int?> CountActiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<int?>(_byHash.Count);
}
