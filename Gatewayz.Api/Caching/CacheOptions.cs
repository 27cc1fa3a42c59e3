namespace Gatewayz.Api.Caching;

/// <summary><c>Gatewayz:Caching</c>: the auth cache's lifetimes and the opt-in response cache.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Gatewayz:Caching";

    /// <summary>How long a resolved API key is trusted without asking the key store again (0 turns the cache off).</summary>
    public int ApiKeySeconds { get; set; } = 30;

    /// <summary>How long a key the key store does not know is answered 401 without asking it again (0: unknown keys are not cached).</summary>
    public int UnknownApiKeySeconds { get; set; } = 10;

    /// <summary>
    /// While the key store is unreachable, a key's last resolution is still used until it is this old (counted from the
    /// lookup that made it); beyond it the key gets a 503. So only a value above <see cref="ApiKeySeconds"/> adds
    /// anything (a shorter one, like 0, means no stale answers), and the two may be set independently.
    /// </summary>
    public int StaleApiKeyMaxAgeSeconds { get; set; } = 900;

    /// <summary>Serve identical non-streaming requests from the cache even without the <c>x-gatewayz-cache: on</c> header.</summary>
    public bool ResponseCacheByDefault { get; set; }

    /// <summary>How long a cached response is served.</summary>
    public int ResponseCacheSeconds { get; set; } = 300;

    /// <summary>Responses larger than this are not cached.</summary>
    public int ResponseCacheMaxBytes { get; set; } = 256 * 1024;

    /// <summary>Entries the in-memory fallback keeps at most.</summary>
    public int ResponseCacheMemoryEntries { get; set; } = 1_000;
}
