using System.Diagnostics;
using System.Net;
using Gatewayz.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Accounts;

/// <summary>
/// Keys during a Postgres outage: the real server is stopped (its process killed) and started again, so the
/// class has a Postgres of its own. The test prints how many requests were served and refused in each phase.
/// </summary>
public sealed class StaleKeyTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    private const int FreshSeconds = 1;
    // Stopping Postgres (killing its processes) takes a few seconds on a busy machine.
    private const int StaleSeconds = 8;

    [Fact]
    public async Task A_known_key_is_served_past_its_cache_lifetime_while_postgres_is_down_until_the_max_stale_age_then_refused_and_looked_up_again_when_it_is_back()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:Caching:ApiKeySeconds"] = FreshSeconds.ToString(),
            ["Gatewayz:Caching:StaleApiKeyMaxAgeSeconds"] = StaleSeconds.ToString(),
        });
        using var admin = new AdminClient(gateway);
        var (_, key) = await admin.CreateFundedKeyAsync("stale@example.com", 5);
        using var client = gateway.CreateHttpClient(key);
        // This request looks the key up in Postgres: the key's age counts from a moment within it.
        var sinceConfirmed = Stopwatch.StartNew();
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmedBy = sinceConfirmed.Elapsed.TotalSeconds;
        var lookupsBefore = await KeyLookupsAsync(gateway, "success");

        storage.Postgres.Stop();
        var stopped = sinceConfirmed.Elapsed.TotalSeconds;
        var during = new List<(double Seconds, HttpStatusCode Status, string Body)>();
        try
        {
            while (sinceConfirmed.Elapsed < TimeSpan.FromSeconds(StaleSeconds + 2))
            {
                using var response = await client.PostChatAsync();
                during.Add((sinceConfirmed.Elapsed.TotalSeconds, response.StatusCode, await response.Content.ReadAsStringAsync()));
                await Task.Delay(100);
            }
        }
        finally
        {
            await storage.Postgres.RestartAsync();
        }
        var lookupErrors = await KeyLookupsAsync(gateway, "error");

        var recovered = await Eventually.ReturnsAsync(async () => (await client.PostChatAsync()).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));
        var lookupsAfter = await KeyLookupsAsync(gateway, "success");

        var pastFresh = during.Where(entry => entry.Seconds > FreshSeconds + 0.2).ToList();
        var servedStale = pastFresh.Count(entry => entry.Status == HttpStatusCode.OK);
        var refused = during.Where(entry => entry.Status == HttpStatusCode.ServiceUnavailable).ToList();
        output.WriteLine($"Postgres stopped {stopped:F2} s after the key's lookup (made within {confirmedBy:F2} s), down until {StaleSeconds + 2} s after it; key cached for {FreshSeconds} s, max stale age {StaleSeconds} s: " +
            $"{during.Count} requests, {during.Count(entry => entry.Status == HttpStatusCode.OK)} × 200 ({servedStale} of them past the cache lifetime), " +
            $"{refused.Count} × 503; first 503 at {refused.FirstOrDefault().Seconds:F2} s after the last lookup; " +
            $"{lookupErrors} failed api_key_lookup queries; Postgres back: {recovered}, successful lookups {lookupsBefore} → {lookupsAfter}; " +
            $"answers: {string.Join(' ', during.Select(entry => $"{entry.Seconds:F1}s:{(int)entry.Status}"))}");

        servedStale.ShouldBeGreaterThan(0, "past its cache lifetime the key is served from its last lookup while Postgres is down");
        during.TakeWhile(entry => entry.Status == HttpStatusCode.OK).Count().ShouldBe(during.Count - refused.Count, "200 until the max stale age, 503 after it");
        refused.ShouldNotBeEmpty("beyond the max stale age the key cannot be judged");
        refused[0].Seconds.ShouldBeInRange(StaleSeconds, StaleSeconds + confirmedBy + 1.5);
        refused[0].Body.ShouldContain("accounts_unavailable");
        recovered.ShouldBe(HttpStatusCode.OK);
        lookupsAfter.ShouldBeGreaterThan(lookupsBefore, "with Postgres back the key is looked up afresh");
    }

    private static async Task<double> KeyLookupsAsync(GatewayHost gateway, string status) =>
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_database_queries_total", ("operation", "api_key_lookup"), ("status", status));
}
