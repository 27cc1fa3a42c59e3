using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

public sealed class BusinessGaugeTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Active_keys_trials_and_subscriptions_by_tier_follow_the_account_tables()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var alice = await admin.CreateUserAsync("alice@example.com");
        var bob = await admin.CreateUserAsync("bob@example.com");
        var carol = await admin.CreateUserAsync("carol@example.com");
        await admin.CreateKeyAsync(alice);
        await admin.CreateKeyAsync(bob);
        var (revoked, _) = await admin.CreateKeyAsync(carol);
        await admin.RevokeKeyAsync(revoked);
        await admin.StartTrialAsync(alice);
        await admin.StartTrialAsync(bob);
        await admin.ConvertTrialAsync(bob);
        await admin.SubscribeAsync(bob, "pro");
        await admin.SubscribeAsync(carol, "enterprise");
        await admin.RawAsync(HttpMethod.Put, $"/admin/users/{alice}/subscription", new { tier = "pro", status = "cancelled" });

        var metrics = await WaitForAsync(gateway, text => MetricsText.Sum(text, "gatewayz_active_subscriptions", ("tier", "enterprise")) == 1);

        MetricsText.Sum(metrics, "gatewayz_active_api_keys").ShouldBe(3, "alice's and bob's keys and the configured development key");
        MetricsText.Sum(metrics, "gatewayz_active_trials").ShouldBe(1, "bob converted, so only alice's trial is active");
        MetricsText.Sum(metrics, "gatewayz_active_subscriptions", ("tier", "pro")).ShouldBe(1, "alice's pro subscription is cancelled");
        MetricsText.Sum(metrics, "gatewayz_active_subscriptions", ("tier", "free")).ShouldBe(0);
    }

    private static async Task<string> WaitForAsync(GatewayHost gateway, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string text;
        do
        {
            text = await gateway.ScrapeMetricsAsync();
            if (condition(text)) return text;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return text;
    }
}
