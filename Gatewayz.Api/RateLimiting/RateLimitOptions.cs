namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// <c>Gatewayz:RateLimits</c>: per-minute budgets per API key and per user, shared by every replica
/// through Redis. The defaults are generous enough for the shipped development key and load tests.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Gatewayz:RateLimits";

    public bool Enabled { get; set; } = true;
    public long KeyRequestsPerMinute { get; set; } = 60_000;
    public long KeyTokensPerMinute { get; set; } = 100_000_000;
    public long UserRequestsPerMinute { get; set; } = 120_000;
    public long UserTokensPerMinute { get; set; } = 200_000_000;

    /// <summary>
    /// Share of each budget (0–1) a replica may admit without a Redis round trip while the budget's last
    /// known total is below it; beyond it every request is checked in Redis exactly. 0 always asks Redis.
    /// </summary>
    public double LocalHeadroom { get; set; } = 0.5;

    /// <summary>
    /// The smallest local share (a budget's limit × <see cref="LocalHeadroom"/>, in requests or tokens) the fast
    /// path is used for. Smaller budgets are checked in Redis on every request, which makes them exact across
    /// replicas: a budget of 20 requests a minute costs 20 round trips at most, and an overshoot of even a few
    /// requests would be a large share of it.
    /// </summary>
    public long LocalHeadroomMinimum { get; set; } = 100;

    /// <summary>
    /// Failed authentications (a key that is presented but unknown) a client address may make per minute on one
    /// replica; beyond them its requests that need a key lookup get 429 without touching the database.
    /// </summary>
    public int FailedAuthPerMinute { get; set; } = 60;

    /// <summary>How long a key's limits are cached before the policy source is asked again.</summary>
    public int PolicyCacheSeconds { get; set; } = 60;
}
