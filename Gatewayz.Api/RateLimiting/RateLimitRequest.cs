using Gatewayz.Api.Auth;

namespace Gatewayz.Api.RateLimiting;

/// <summary>What one request asks of the four budgets in one window.</summary>
public readonly record struct RateLimitRequest(ClientIdentity Client, RateLimitPolicy Policy, long WindowStart, long Tokens)
{
    public string SubjectOf(LimitType type) => LimitTypes.IsPerKey(type) ? Client.KeyId : UserOf(Client);

    public long AmountOf(LimitType type) => LimitTypes.IsTokens(type) ? Tokens : 1;

    /// <summary>Keys without a user count as their own user.</summary>
    public static string UserOf(ClientIdentity client) => string.IsNullOrEmpty(client.UserId) ? client.KeyId : client.UserId;
}
