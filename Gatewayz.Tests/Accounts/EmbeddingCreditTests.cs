using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Embeddings;

namespace Gatewayz.Tests.Accounts;

/// <summary>Embeddings are debited from the caller's credits as chat answers are: their input tokens at the model's input price.</summary>
public sealed class EmbeddingCreditTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private const string Model = "test/priced-embeddings";

    [Fact]
    public async Task Each_embedding_call_is_debited_its_input_tokens_times_the_input_price_with_one_ledger_row()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Behavior = new UpstreamBehavior { PromptTokens = 1234 };
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:primary:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:primary:BaseUrl"] = upstream.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Endpoints:0"] = "embeddings",
            [$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = "100",
            // An output price that must not be charged: embeddings have no output.
            [$"Gatewayz:Models:{Model}:Pricing:OutputPerMillion"] = "999",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "primary",
        });
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("embedder@example.com", 10m);
        var client = gateway.CreateOpenAiClient(key).GetEmbeddingClient(Model);

        OpenAIEmbeddingCollection first = await client.GenerateEmbeddingsAsync(["one", "two"]);
        await client.GenerateEmbeddingAsync("three");

        first.Usage.InputTokenCount.ShouldBe(1234);
        // 2 × 1234 tokens at $100 per million.
        var expected = 2 * 1234 * 100m / 1_000_000m;
        var balance = 10m;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && balance != 10m - expected; await Task.Delay(50))
            balance = await admin.BalanceAsync(user);
        balance.ShouldBe(10m - expected);
        var database = gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;
        var debits = (await Ledger.DebitsAsync(database)).Values.ToList();
        debits.Count.ShouldBe(2);
        debits.ShouldAllBe(debit => debit.Rows == 1 && debit.Amount == -1234 * 100m / 1_000_000m);
    }
}
