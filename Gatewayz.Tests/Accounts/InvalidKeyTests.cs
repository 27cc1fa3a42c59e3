using System.Net;
using Gatewayz.Api.Accounts.Keys;
using Gatewayz.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Accounts;

/// <summary>What keys that fail authentication cost the account database.</summary>
public sealed class InvalidKeyTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_fixed_invalid_key_hammered_over_eight_connections_costs_postgres_one_lookup()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            // This test is about the cache of unknown keys alone, so the per-address budget is out of reach.
            ["Gatewayz:RateLimits:FailedAuthPerMinute"] = "1000000",
            ["Gatewayz:Caching:UnknownApiKeySeconds"] = "60",
        });
        using var client = gateway.CreateHttpClient(ApiKeyGenerator.NewKey());

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 25; i++)
            {
                using var response = await client.PostChatAsync();
                answers.Add(response.StatusCode);
            }
            return answers;
        }));
        var lookups = await KeyLookupsAsync(gateway);
        output.WriteLine($"200 requests with one invalid key over 8 connections: {lookups} api_key_lookup queries");

        statuses.SelectMany(answers => answers).ShouldAllBe(status => status == HttpStatusCode.Unauthorized);
        lookups.ShouldBe(1);
    }

    [Fact]
    public async Task Failed_authentications_beyond_an_address_budget_get_429_in_the_endpoint_format_without_a_query_while_its_known_keys_keep_working()
    {
        const int budget = 5;
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:FailedAuthPerMinute"] = budget.ToString(),
        });
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("neighbour@example.com", 5);
        using var known = gateway.CreateHttpClient(key);
        (await known.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < budget; i++)
        {
            using var guess = gateway.CreateHttpClient(ApiKeyGenerator.NewKey());
            (await guess.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var lookupsAtLimit = await KeyLookupsAsync(gateway);

        using var openAi = gateway.CreateHttpClient(ApiKeyGenerator.NewKey());
        using var refusedChat = await openAi.PostChatAsync();
        refusedChat.Headers.RetryAfter.ShouldNotBeNull();
        await ErrorJson.ShouldBeOpenAiError(refusedChat, 429, "rate_limit_exceeded");
        using var anthropic = gateway.CreateHttpClient(ApiKeyGenerator.NewKey());
        await ErrorJson.ShouldBeAnthropicError(await anthropic.PostMessagesAsync(), 429, "rate_limit_error");
        (await KeyLookupsAsync(gateway)).ShouldBe(lookupsAtLimit, "a refused address costs Postgres nothing");

        // A key this replica has already resolved is not held hostage by its address's bad traffic.
        (await known.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A key it has not seen would need a lookup: it waits for the address's minute to end, like the guesses.
        var (_, unseen) = await admin.CreateKeyAsync(user, "unseen");
        using var unseenClient = gateway.CreateHttpClient(unseen);
        (await unseenClient.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_rate_limit_hits_total", ("limit_type", "failed_auth")).ShouldBe(3);
        metrics.ShouldNotContain("127.0.0.1", customMessage: "client addresses are never metric labels");
    }

    private static async Task<double> KeyLookupsAsync(GatewayHost gateway) =>
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_database_queries_total", ("operation", "api_key_lookup"));
}
