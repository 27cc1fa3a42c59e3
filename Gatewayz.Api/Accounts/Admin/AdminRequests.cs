namespace Gatewayz.Api.Accounts.Admin;

/// <summary>The admin API's request bodies (small enough to read together).</summary>
public static class AdminRequests
{
    public sealed record CreateUser(string? Email, string? Name);

    public sealed record CreateApiKey(string? Name, string[]? Roles);

    public sealed record SetApiKeyRoles(string[]? Roles);

    /// <summary>A grant or correction; <see cref="Amount"/> is nullable so that a missing amount is told apart from 0.</summary>
    public sealed record GrantCredits(decimal? Amount, string? Reason);

    public sealed record StartTrial(int? Days);

    public sealed record SetSubscription(string? Tier, string? Status);
}
