namespace Gatewayz.Api.Caching;

/// <summary><c>Gatewayz:Caching</c>: the auth cache's lifetime and the opt-in response cache.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Gatewayz:Caching";

    /// <summary>How long a resolved API key is trusted without asking the key store again (0 turns the cache off).</summary>
    public int ApiKeySeconds { get; set; } = 30;

    /// <summary>Serve identical non-streaming requests from the cache even without the <c>x-gatewayz-cache: on</c> header.</summary>
    public bool ResponseCacheByDefault { get; set; }

    /// <summary>How long a cached response is served.</summary>
    public int ResponseCacheSeconds { get; set; } = 300;

    /// <summary>Responses larger than this are not cached.</summary>
    public int ResponseCacheMaxBytes { get; set; } = 256 * 1024;

    /// <summary>Entries the in-memory fallback keeps at most.</summary>
    public int ResponseCacheMemoryEntries { get; set; } = 1_000;
}
