using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Api.Catalog;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace Gatewayz.Tests.Accounts;

public sealed class CreditTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Each_answer_is_debited_its_real_token_usage_times_the_model_price()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("spender@example.com", 10m);
        var catalog = gateway.Services.GetRequiredService<ModelCatalog>();
        var expected = 0m;

        var chat = gateway.CreateOpenAiClient(key).GetChatClient("openai/gpt-4o");
        foreach (var prompt in new[] { "one", "a longer second prompt", "three" })
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)]);
            expected += Price("openai/gpt-4o", catalog).CostOf(completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
        }
        var message = await gateway.CreateAnthropicClient(key).Messages.Create(new MessageCreateParams
        {
            Model = "anthropic/claude-3-5-haiku",
            MaxTokens = 30,
            Messages = [new UserMessageParam { Content = "Hello there" }],
        });
        expected += Price("anthropic/claude-3-5-haiku", catalog).CostOf((int)message.Usage.InputTokens, (int)message.Usage.OutputTokens);

        expected.ShouldBeGreaterThan(0m);
        (await WaitForBalanceAsync(admin, user, 10m - expected)).ShouldBe(10m - expected);
    }

    [Fact]
    public async Task A_user_without_credits_gets_402_insufficient_quota_in_the_OpenAI_format()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var (_, key) = await admin.CreateKeyAsync(await admin.CreateUserAsync("broke@example.com"));
        using var http = gateway.CreateHttpClient(key);

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new { model = "openai/gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe("insufficient_quota");
        error.GetProperty("type").GetString().ShouldBe("insufficient_quota");
        var sdkFailure = await Should.ThrowAsync<ClientResultException>(() =>
            gateway.CreateOpenAiClient(key).GetChatClient("openai/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]));
        sdkFailure.Status.ShouldBe(402);
    }

    [Fact]
    public async Task A_user_whose_credits_run_out_gets_402_permission_error_in_the_Anthropic_format()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("almost-broke@example.com", 0.000001m);
        using var http = gateway.CreateHttpClient(apiKey: null);
        http.DefaultRequestHeaders.Add("x-api-key", key);
        var body = new { model = "anthropic/claude-3-5-haiku", max_tokens = 20, messages = new[] { new { role = "user", content = "hi" } } };

        using var first = await http.PostAsJsonAsync("/v1/messages", body);
        using var second = await http.PostAsJsonAsync("/v1/messages", body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, "a positive balance admits the request");
        second.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired, "the first answer's cost used the balance up");
        var root = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        root.GetProperty("type").GetString().ShouldBe("error");
        root.GetProperty("error").GetProperty("type").GetString().ShouldBe("permission_error");
        root.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("credit");
        (await WaitForBalanceAsync(admin, user, below: 0m)).ShouldBeLessThan(0m);
    }

    [Fact]
    public async Task Debits_made_while_Postgres_is_unreachable_are_written_when_it_returns()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("outage@example.com", 10m);
        var chat = gateway.CreateOpenAiClient(key).GetChatClient("openai/gpt-4o");
        ChatCompletion first = await chat.CompleteChatAsync([new UserChatMessage("before the outage")]);
        var price = Price("openai/gpt-4o", gateway.Services.GetRequiredService<ModelCatalog>());
        var expected = price.CostOf(first.Usage.InputTokenCount, first.Usage.OutputTokenCount);
        (await WaitForBalanceAsync(admin, user, 10m - expected)).ShouldBe(10m - expected);

        var database = gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;
        await storage.SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            // The key is in the auth cache and the balance was seen: requests go on during the outage.
            ChatCompletion during = await chat.CompleteChatAsync([new UserChatMessage("during the outage")]);
            expected += price.CostOf(during.Usage.InputTokenCount, during.Usage.OutputTokenCount);
        }
        finally
        {
            await storage.SetConnectionsAllowedAsync(database, allowed: true);
        }

        (await WaitForBalanceAsync(admin, user, 10m - expected, timeoutSeconds: 30)).ShouldBe(10m - expected);
    }

    /// <summary>
    /// Seen before: a client that read 15–37 chunks and hung up left no ledger row and no tokens. Both
    /// formats: the OpenAI client's stream is relayed, the Anthropic client's translated.
    /// </summary>
    [Theory]
    [InlineData("/v1/chat/completions", "\"content\":\"word \"")]
    [InlineData("/v1/messages", "text_delta")]
    public async Task A_stream_the_client_abandons_is_debited_the_cost_of_what_was_delivered_with_a_ledger_row(string path, string textMarker)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Behavior = new UpstreamBehavior { Chunks = Enumerable.Repeat("word ", 300).ToArray(), ChunkDelay = TimeSpan.FromMilliseconds(50) };
        const string model = "test/abandoned-credits";
        var price = new ModelPricing { InputPerMillion = 10000, OutputPerMillion = 20000 };
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:primary:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:primary:BaseUrl"] = upstream.BaseUrl.ToString(),
            [$"Gatewayz:Models:{model}:Pricing:InputPerMillion"] = price.InputPerMillion.ToString(),
            [$"Gatewayz:Models:{model}:Pricing:OutputPerMillion"] = price.OutputPerMillion.ToString(),
            [$"Gatewayz:Models:{model}:Routes:0:Provider"] = "primary",
        });
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("leaver@example.com", 10m);
        using var http = gateway.CreateHttpClient(key);
        var body = JsonSerializer.Serialize(new { model, stream = true, max_tokens = 2000, messages = new[] { new { role = "user", content = "Tell me a long story." } } });

        var lines = await AbandoningClient.ReadThenLeaveAsync(http, path, body, textMarker, events: 15);

        var first = JsonDocument.Parse(lines[0]["data: ".Length..]).RootElement;
        var requestId = (first.TryGetProperty("message", out var message) ? message : first).GetProperty("id").GetString()!;
        var database = gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;
        var (rows, amount) = await Eventually.ReturnsAsync(() => Ledger.DebitOfAsync(database, requestId), ledger => ledger.Rows > 0, TimeSpan.FromSeconds(20));
        rows.ShouldBe(1, "one debit for the abandoned request");
        var metrics = await gateway.ScrapeMetricsAsync();
        var input = (int)MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", model), ("token_type", "input"));
        var output = (int)MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", model), ("token_type", "output"));
        input.ShouldBeGreaterThan(0, "the prompt");
        output.ShouldBeGreaterThan(0, "fifteen chunks of text reached the client");
        output.ShouldBeLessThan(300 * 5 / 4, "only the delivered part, not the whole answer");
        amount.ShouldBe(-price.CostOf(input, output), "the ledger row is the cost of the tokens counted");
        (await WaitForBalanceAsync(admin, user, 10m + amount)).ShouldBe(10m + amount);
    }

    private static ModelPricing Price(string model, ModelCatalog catalog) =>
        catalog.TryGetModel(model, out var found) ? found.Pricing : throw new InvalidOperationException(model);

    private static async Task<decimal> WaitForBalanceAsync(AdminClient admin, Guid user, decimal? equals = null, decimal? below = null, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        decimal balance;
        do
        {
            balance = await admin.BalanceAsync(user);
            if ((equals is { } target && balance == target) || (below is { } limit && balance < limit)) break;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return balance;
    }
}
