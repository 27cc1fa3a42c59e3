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

        builder.Services.AddOptions<CreditOptions>()
            .Bind(builder.Configuration.GetSection(CreditOptions.SectionName))
            .Validate(options => options.JournalSyncMilliseconds >= 0, $"{CreditOptions.SectionName}:JournalSyncMilliseconds must not be negative.")
            .Validate(options => options.JournalSegmentBytes is >= 4096 and <= 1L << 30, $"{CreditOptions.SectionName}:JournalSegmentBytes must be between 4096 and 1073741824.")
            .Validate(options => options.ShutdownDrainSeconds >= 0, $"{CreditOptions.SectionName}:ShutdownDrainSeconds must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CreditBalances>();
        builder.Services.AddSingleton<DebitQueue>();
        builder.Services.AddSingleton<DebitJournal>();
        builder.Services.AddSingleton<IUsageMeter, CreditMeter>();
        builder.Services.AddSingleton<CreditLedgerStore>();
        // The flusher before the writer: hosted services stop in reverse order, so the journal is closed
        // only after the writer's last drain.
        builder.Services.AddHostedService<DebitJournalFlusher>();
        builder.Services.AddHostedService<CreditLedgerWriter>();

        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<AccountBusinessMetrics>();
        builder.Services.AddSingleton<IBusinessMetricsSource>(services => services.GetRequiredService<AccountBusinessMetrics>());
        builder.Services.AddHostedService(services => services.GetRequiredService<AccountBusinessMetrics>());
        return builder;
    }
}
