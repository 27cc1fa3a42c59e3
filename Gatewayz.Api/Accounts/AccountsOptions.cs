namespace Gatewayz.Api.Accounts;

/// <summary>Account settings from the <c>Gatewayz</c> section; they matter only with <c>ConnectionStrings:gatewayz</c> set.</summary>
public sealed class AccountsOptions
{
    /// <summary>Bearer token of the <c>/admin</c> API (<c>Gatewayz:AdminToken</c>); empty disables the admin API.</summary>
    public string? AdminToken { get; set; }

    /// <summary>How long a credit balance read from Postgres is trusted at admission.</summary>
    public int BalanceCacheSeconds { get; set; } = 5;

    /// <summary>How often the business gauges (active keys, subscriptions, trials) are recomputed.</summary>
    public int BusinessGaugesRefreshSeconds { get; set; } = 60;
}
