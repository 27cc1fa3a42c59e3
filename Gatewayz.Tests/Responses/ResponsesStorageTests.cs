using System.ClientModel;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Responses;
using StackExchange.Redis;

#pragma warning disable OPENAI001 // The SDK's Responses client is marked experimental.

namespace Gatewayz.Tests.Responses;

/// <summary>
/// The Responses API on real Redis and Postgres: stored responses shared by replicas through Redis and kept in memory
/// while Redis is down, and answers debited as chat answers are, by the response id.
/// </summary>
public sealed class ResponsesStorageTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_response_stored_by_one_replica_is_read_and_continued_by_another_through_redis()
    {
        using var first = await ChatRequests.StartWithRedisAsync(storage.Redis);
        using var second = await ChatRequests.StartWithRedisAsync(storage.Redis);

        ResponseResult created = await first.CreateResponsesClient().CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there")));

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(storage.Redis.ConnectionString))
        {
            var key = RedisKeys.StoredResponse(created.Id);
            (await redis.GetDatabase().KeyExistsAsync(key)).ShouldBeTrue();
            var lifetime = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            lifetime.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(3500, 3600);
        }
        ResponseResult read = await second.CreateResponsesClient().GetResponseAsync(created.Id);
        read.GetOutputText().ShouldBe(created.GetOutputText());
        var next = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("And then?"));
        next.PreviousResponseId = created.Id;
        ResponseResult continued = await second.CreateResponsesClient().CreateResponseAsync(next);
        continued.Usage.InputTokenCount.ShouldBeGreaterThan(created.Usage.InputTokenCount + created.Usage.OutputTokenCount - 1);
    }

    [Fact]
    public async Task While_redis_is_down_a_response_is_stored_in_memory_read_and_continued_without_an_error()
    {
        using var gateway = await ChatRequests.StartWithRedisAsync(storage.Redis);
        var client = gateway.CreateResponsesClient();
        storage.Redis.Stop();
        try
        {
            ResponseResult created = await client.CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there")));

            ResponseResult read = await client.GetResponseAsync(created.Id);
            read.GetOutputText().ShouldBe(created.GetOutputText());
            var next = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("And then?"));
            next.PreviousResponseId = created.Id;
            ResponseResult continued = await client.CreateResponseAsync(next);
            continued.Status.ShouldBe(ResponseStatus.Completed);
            (await client.DeleteResponseAsync(created.Id)).Value.Deleted.ShouldBeTrue();
            (await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync(created.Id))).Status.ShouldBe(404);
        }
        finally
        {
            await storage.Redis.RestartAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_response_is_debited_its_usage_at_the_models_price_under_its_response_id(bool stream)
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>().Priced());
        using var admin = new AdminClient(gateway);
        var (_, key) = await admin.CreateFundedKeyAsync($"responses-{stream}@example.com", 10m);
        var client = gateway.CreateResponsesClient(key);
        var options = ResponsesGateway.Options(PricedChat.Model, ResponseItem.CreateUserMessageItem("What does a gateway do?"));

        ResponseResult response;
        if (stream)
        {
            ResponseResult? completed = null;
            await foreach (var update in await client.CreateResponseStreamingAsync(ResponsesGateway.Streamed(options)))
                if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
            response = completed.ShouldNotBeNull();
        }
        else
            response = await client.CreateResponseAsync(options);

        var cost = PricedChat.Price.CostOf(response.Usage.InputTokenCount, response.Usage.OutputTokenCount);
        cost.ShouldBeGreaterThan(0m);
        var database = gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;
        var (rows, amount) = await Eventually.ReturnsAsync(() => Ledger.DebitOfAsync(database, response.Id), ledger => ledger.Rows > 0, TimeSpan.FromSeconds(20));
        (rows, amount).ShouldBe((1, -cost));
    }
}
