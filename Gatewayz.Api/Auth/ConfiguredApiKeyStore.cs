using System.Collections.Frozen;
using Gatewayz.Api.Catalog;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Auth;

/// <summary>Keys from configuration, for the embedded run without an account database.</summary>
public sealed class ConfiguredApiKeyStore(IOptions<GatewayOptions> options) : IApiKeyStore
{
    private readonly FrozenDictionary<string, ClientIdentity> _byHash = options.Value.ApiKeys
        .Select(key => (Hash: ApiKeyHash.Of(key.Key), key))
        .ToFrozenDictionary(
            entry => entry.Hash.Hex,
            entry => new ClientIdentity(entry.Hash.ShortId, entry.key.UserId, entry.key.Name),
            StringComparer.Ordinal);

    public ValueTask<ClientIdentity?> FindAsync(ApiKeyHash hash, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byHash.GetValueOrDefault(hash.Hex));

    public ValueTask<int?> CountActiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult<int?>(_byHash.Count);
}
