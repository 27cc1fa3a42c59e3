using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An OpenAI client's <c>reasoning_effort</c> (or OpenRouter's <c>reasoning</c> object) reaches an Anthropic upstream
/// as extended thinking with a budget from the gateway's table, fitted under <c>max_tokens</c>; what Anthropic
/// refuses while thinking is a 400 naming the client's field before any upstream is called.
/// </summary>
public sealed class ReasoningEffortOnAnthropicUpstreamTests : IAsyncLifetime
{
    private const string Ask = """ "messages":[{"role":"user","content":"Is 1071 prime?"}] """;

    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task The_sdks_reasoning_effort_becomes_a_thinking_budget_with_room_for_the_answer()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("thinking.json") };
        var client = _relay.Gateway.CreateChatClient(AnthropicRelayGateway.Model);

        // The SDK marks its reasoning options as under evaluation; they write OpenAI's reasoning_effort.
#pragma warning disable OPENAI001
        var options = new ChatCompletionOptions { ReasoningEffortLevel = ChatReasoningEffortLevel.Medium };
#pragma warning restore OPENAI001

        var completion = (await client.CompleteChatAsync([new UserChatMessage("sqrt(225)?")], options)).Value;

        completion.Content.Single().Text.ShouldBe("The square root of 225 is 15.");
        var sent = _relay.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("thinking").ShouldBeJson("""{"type":"enabled","budget_tokens":8192}""");
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(8192 + 4096);
        sent.TryGetProperty("reasoning_effort", out _).ShouldBeFalse();
    }

    public static TheoryData<string, string?, int> Budgets => new()
    {
        // the table: effort → budget, with the gateway's default 4,096 tokens of answer room added
        { """ "reasoning_effort":"low" """, """{"type":"enabled","budget_tokens":1024}""", 1024 + 4096 },
        { """ "reasoning_effort":"high" """, """{"type":"enabled","budget_tokens":24576}""", 24576 + 4096 },
        { """ "reasoning_effort":"xhigh" """, """{"type":"enabled","budget_tokens":32768}""", 32768 + 4096 },
        { """ "reasoning_effort":"minimal" """, null, 4096 },
        { """ "reasoning_effort":"none" """, null, 4096 },
        // the client's limit stays the limit: the budget fits under it
        { """ "reasoning_effort":"low","max_completion_tokens":3000 """, """{"type":"enabled","budget_tokens":1024}""", 3000 },
        { """ "reasoning_effort":"high","max_tokens":3000 """, """{"type":"enabled","budget_tokens":2999}""", 3000 },
        // OpenRouter's reasoning object
        { """ "reasoning":{"effort":"high"} """, """{"type":"enabled","budget_tokens":24576}""", 24576 + 4096 },
        { """ "reasoning":{"max_tokens":5000} """, """{"type":"enabled","budget_tokens":5000}""", 5000 + 4096 },
        { """ "reasoning":{"enabled":true} """, """{"type":"enabled","budget_tokens":8192}""", 8192 + 4096 },
        { """ "reasoning":{"enabled":false} """, null, 4096 },
        { """ "reasoning_effort":"low","reasoning":{"effort":"low"} """, """{"type":"enabled","budget_tokens":1024}""", 1024 + 4096 },
        // temperature 1 and a top_p from 0.95 are what Anthropic allows while thinking
        { """ "reasoning_effort":"low","temperature":1,"top_p":0.95 """, """{"type":"enabled","budget_tokens":1024}""", 1024 + 4096 },
    };

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task The_effort_becomes_the_tables_budget_under_max_tokens(string fields, string? thinking, int maxTokens)
    {
        var (status, body) = await PostAsync(fields);

        status.ShouldBe(HttpStatusCode.OK, body);
        var sent = _relay.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(maxTokens);
        if (thinking is null)
            sent.TryGetProperty("thinking", out _).ShouldBeFalse();
        else
            sent.GetProperty("thinking").ShouldBeJson(thinking);
        sent.TryGetProperty("reasoning", out _).ShouldBeFalse();
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { """ "reasoning_effort":"extreme" """, "reasoning_effort" },
        { """ "reasoning_effort":3 """, "reasoning_effort" },
        { """ "reasoning_effort":"high","temperature":0.7 """, "temperature" },
        { """ "reasoning_effort":"low","top_k":40 """, "top_k" },
        { """ "reasoning_effort":"low","top_p":0.5 """, "top_p" },
        { """ "reasoning_effort":"low","max_completion_tokens":1024 """, "max_completion_tokens" },
        { """ "reasoning_effort":"low","max_tokens":500 """, "max_tokens" },
        { """ "reasoning_effort":"low","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required" """, "tool_choice" },
        { """ "reasoning_effort":"low","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"f"}} """, "tool_choice" },
        { """ "reasoning":{"effort":"low","max_tokens":2000} """, "reasoning.max_tokens" },
        { """ "reasoning":{"max_tokens":500} """, "reasoning.max_tokens" },
        { """ "reasoning":{"effort":"high","exclude":true} """, "reasoning.exclude" },
        { """ "reasoning":{"enabled":false,"effort":"high"} """, "reasoning.enabled" },
        { """ "reasoning":{"enabled":"yes"} """, "reasoning.enabled" },
        { """ "reasoning_effort":"low","reasoning":{"effort":"high"} """, "reasoning.effort" },
        { """ "reasoning":"high" """, "reasoning" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task What_anthropic_refuses_while_thinking_is_a_400_naming_the_clients_field(string fields, string param)
    {
        var (status, body) = await PostAsync(fields);

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonElement.Parse(body).GetProperty("error").GetProperty("param").GetString().ShouldBe(param);
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Method == "POST");
    }

    [Fact]
    public async Task A_tool_loop_while_thinking_needs_the_calling_turns_thinking_blocks_back()
    {
        const string Loop = """
            "reasoning_effort":"low","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
            "messages":[{"role":"user","content":"Weather in Paris?"},
             {"role":"assistant","content":null,"reasoning_content":"Look it up.",THINKING"tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"toolu_1","content":"18C"}]
            """;

        var (unsigned, unsignedBody) = await PostAsync(Loop.Replace("THINKING", ""), ask: false);
        unsigned.ShouldBe(HttpStatusCode.BadRequest, unsignedBody);
        JsonElement.Parse(unsignedBody).GetProperty("error").GetProperty("param").GetString().ShouldBe("messages[1].thinking_blocks");
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Method == "POST");

        var (signed, signedBody) = await PostAsync(Loop.Replace("THINKING", """ "thinking_blocks":[{"type":"thinking","thinking":"Look it up.","signature":"sig-1"}], """), ask: false);
        signed.ShouldBe(HttpStatusCode.OK, signedBody);
        var sent = _relay.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("thinking").ShouldBeJson("""{"type":"enabled","budget_tokens":1024}""");
        sent.GetProperty("messages")[1].GetProperty("content")[0].ShouldBeJson("""{"type":"thinking","thinking":"Look it up.","signature":"sig-1"}""");
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string fields, bool ask = true)
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}",{{(ask ? Ask + "," : "")}}{{fields}}}""", Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
