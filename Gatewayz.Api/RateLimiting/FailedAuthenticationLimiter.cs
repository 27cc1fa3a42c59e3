using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// A budget of failed authentications per client address and minute (<see cref="RateLimitOptions.FailedAuthPerMinute"/>),
/// kept by this replica. A key that fails authentication spends one; an address with none left gets a 429 for every
/// key that would need a lookup, before any database work, until its minute is over. Keys this replica has already
/// resolved (in the auth cache) still work from that address: its bad traffic must not lock out its good keys.
/// Refusals count in <c>gatewayz_rate_limit_hits_total{limit_type="failed_auth"}</c>; the address is never a label,
/// only logged once when it reaches its budget.
/// <para>
/// System.Threading.RateLimiting's partitioned fixed-window limiter keeps the budgets (it drops an address's budget
/// once it is full again and idle). ASP.NET Core's rate-limiting middleware is not used: it takes a permit before the
/// endpoint runs, for every request, where only failures may count.
/// </para>
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The service key of the budget that wrong admin tokens spend, apart from wrong API keys.</summary>
    public const string AdminTokenBudget = "admin-token";

    private readonly PartitionedRateLimiter<IPAddress>? _limiter;
    private readonly Func<IPAddress, System.Threading.RateLimiting.RateLimiter> _newBudget;
    private readonly Counter.Child _hits;
    private readonly int _limit;
    private readonly ILogger<FailedAuthenticationLimiter> _logger;

    /// <param name="options"><see cref="RateLimitOptions.FailedAuthPerMinute"/>; <see cref="RateLimitOptions.Enabled"/> false turns the budget off.</param>
    /// <param name="metrics">Where refusals are counted.</param>
    /// <param name="logger">Names an address when it reaches its budget.</param>
    public FailedAuthenticationLimiter(IOptions<RateLimitOptions> options, GatewayMetrics metrics, ILogger<FailedAuthenticationLimiter> logger)
    {
        _logger = logger;
        _limit = options.Value.FailedAuthPerMinute;
        _hits = metrics.RateLimitHits.WithLabels(LimitTypes.FailedAuthLabel);
        _hits.Publish();
        // Replenished by the partitioned limiter's own timer, which also lets go of idle budgets.
        var budget = new FixedWindowRateLimiterOptions { PermitLimit = _limit, Window = Window, QueueLimit = 0, AutoReplenishment = false };
        _newBudget = _ => new FixedWindowRateLimiter(budget);
        if (options.Value.Enabled)
            _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.Get(address, _newBudget));
    }

    /// <summary>The 429 for a client address that has no failed authentications left this minute, else null.</summary>
    public GatewayError? Refusal(IPAddress? address)
    {
        if (_limiter is null) return null;
        using var lease = _limiter.AttemptAcquire(PartitionOf(address), 0);
        return lease.IsAcquired ? null : Refuse(lease);
    }

    /// <summary>Spends one failed authentication of the address: the answer is a 401, or a 429 when it had none left.</summary>
    public GatewayError Failed(IPAddress? address)
    {
        if (_limiter is null) return GatewayError.InvalidApiKey();
        var partition = PartitionOf(address);
        using var lease = _limiter.AttemptAcquire(partition, 1);
        if (!lease.IsAcquired) return Refuse(lease);
        if (_limiter.GetStatistics(partition)?.CurrentAvailablePermits == 0)
            _logger.LogWarning("{Address} has had {Limit} failed authentications this minute: its requests that need a key lookup get 429 until the minute is over",
                partition, _limit);
        return GatewayError.InvalidApiKey();
    }

    /// <inheritdoc/>
    public void Dispose() => _limiter?.Dispose();

    private GatewayError Refuse(RateLimitLease lease)
    {
        _hits.Inc();
        return RateLimitErrors.FailedAuthentications(_limit, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window);
    }

    /// <summary>
    /// The budget an address spends: IPv4 addresses one by one, IPv6 addresses by their /64 (a client usually holds
    /// a whole /64 and could otherwise make up a fresh address for every request).
    /// </summary>
    private static IPAddress PartitionOf(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
