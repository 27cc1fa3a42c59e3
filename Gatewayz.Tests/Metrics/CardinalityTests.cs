using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Metrics;

/// <summary>Bounded cardinality: nothing a client sends can create new series.</summary>
public sealed class CardinalityTests
{
    private const int Users = 40;

    [Fact]
    public async Task Thousands_of_distinct_models_keys_users_headers_and_paths_do_not_grow_the_number_of_series()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Users; i++)
        {
            settings[$"Gatewayz:ApiKeys:{i + 1}:Key"] = $"gwz-cardinality-key-{i:D4}";
            settings[$"Gatewayz:ApiKeys:{i + 1}:Name"] = $"key {i}";
            settings[$"Gatewayz:ApiKeys:{i + 1}:UserId"] = $"user-{i}";
        }
        using var host = GatewayHost.Start(settings);

        await SendMixAsync(host, round: -1); // warm-up: every kind of request once, and a scrape
        await host.ScrapeMetricsAsync();
        var before = await host.ScrapeMetricsAsync();

        for (var round = 0; round < 25; round++) await SendMixAsync(host, round);
        var after = await host.ScrapeMetricsAsync();

        MetricsText.Sum(after, "gatewayz_http_requests_total").ShouldBeGreaterThan(2_000);
        SeriesNames(after).Except(SeriesNames(before)).ShouldBeEmpty();
        MetricsText.SeriesCount(after).ShouldBe(MetricsText.SeriesCount(before));
    }

    private static IEnumerable<string> SeriesNames(string exposition) =>
        exposition.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line[..line.LastIndexOf(' ')]);

    private static async Task SendMixAsync(GatewayHost host, int round)
    {
        var tasks = new List<Task>();
        for (var i = 0; i < Users; i++)
        {
            var unique = $"{round}-{i}-{Guid.NewGuid():N}";
            tasks.Add(OneUserAsync(host, i, unique));
        }
        await Task.WhenAll(tasks);
    }

    private static async Task OneUserAsync(GatewayHost host, int user, string unique)
    {
        using var known = host.CreateHttpClient($"gwz-cardinality-key-{user:D4}");
        var headers = new Dictionary<string, string> { [$"x-random-{unique}"] = unique, ["user-agent"] = unique };
        (await known.PostChatAsync(headers: headers)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await known.PostChatAsync(model: $"unknown/model-{unique}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await known.GetAsync($"/random/{unique}/path?user={unique}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await known.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), $"/v1/{unique}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var stranger = host.CreateHttpClient($"gwz-unknown-key-{unique}");
        // Thousands of unknown keys from one address: past its budget of failed authentications (60 a minute,
        // reached in the warm-up) they get 429 instead of 401, and neither answer may add a series.
        (await stranger.PostChatAsync()).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        (await stranger.PostMessagesAsync()).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
    }
}
