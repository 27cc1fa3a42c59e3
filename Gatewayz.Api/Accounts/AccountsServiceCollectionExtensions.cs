using Gatewayz.Api.Database;
using Gatewayz.Api.Accounts.Admin;
using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Accounts.Gauges;
using Gatewayz.Api.Accounts.Keys;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Metrics;
using Gatewayz.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatewayz.Api.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:gatewayz</c>: keys from Postgres (beside the configured ones), credits,
    /// the admin API and the business gauges. Without it the gateway runs as before: configured keys, no credits.
    /// Call after <c>AddApiKeyAuthentication()</c> and before <c>AddCaching()</c> (the auth cache wraps the key store) and <c>AddGatewayMetrics()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .Validate(options => options.BalanceCacheSeconds >= 0, "Gatewayz:BalanceCacheSeconds must not be negative.")
            .Validate(options => options.BusinessGaugesRefreshSeconds >= 1, "Gatewayz:BusinessGaugesRefreshSeconds must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdminTokenVerifier>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        if (!builder.AddGatewayzDatabase(migrateAtStartup: true))
        {
            builder.Services.AddSingleton<IUsageMeter, UnmeteredUsage>();
            return builder;
        }

        builder.Services.AddSingleton<MeteredDatabase>();
        builder.Services.AddSingleton<ConfiguredApiKeyStore>();
        builder.Services.AddSingleton<PostgresApiKeyStore>();
        builder.Services.RemoveAll<IApiKeyStore>();
        builder.Services.AddSingleton<IApiKeyStore, CompositeApiKeyStore>();

        builder.Services.AddSingleton<CreditBalances>();
        builder.Services.AddSingleton<DebitQueue>();
        builder.Services.AddSingleton<IUsageMeter, CreditMeter>();
        builder.Services.AddHostedService<CreditLedgerWriter>();

        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<AccountBusinessMetrics>();
        builder.Services.AddSingleton<IBusinessMetricsSource>(services => services.GetRequiredService<AccountBusinessMetrics>());
        builder.Services.AddHostedService(services => services.GetRequiredService<AccountBusinessMetrics>());
        return builder;
    }
}
