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

    private static async Task<double> KeyLookupsAsync(GatewayHost gateway) =>
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_database_queries_total", ("operation", "api_key_lookup"));
}
