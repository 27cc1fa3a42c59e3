using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An Anthropic client's <c>thinking</c> reaches an OpenAI-compatible upstream as <c>reasoning_effort</c>, by the
/// gateway's budget table (up to 2,048 tokens <c>low</c>, up to 8,192 <c>medium</c>, more <c>high</c>); disabled and
/// adaptive thinking send nothing, and a <c>thinking</c> Anthropic's API would refuse is a 400 naming its field.
/// </summary>
public sealed class ThinkingOnOpenAiUpstreamTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task The_sdks_thinking_budget_reaches_the_upstream_as_reasoning_effort()
    {
        await _relay.Gateway.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = RelayGateway.Model,
            MaxTokens = 16000,
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 4000 },
            Messages = [new UserMessageParam { Content = "Is 1071 prime?" }],
        });

        var sent = _relay.UpstreamRequest;
        sent.GetProperty("reasoning_effort").GetString().ShouldBe("medium");
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(16000);
        sent.TryGetProperty("thinking", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"type":"enabled","budget_tokens":1024}""", "low")]
    [InlineData("""{"type":"enabled","budget_tokens":2048}""", "low")]
    [InlineData("""{"type":"enabled","budget_tokens":2049}""", "medium")]
    [InlineData("""{"type":"enabled","budget_tokens":8192}""", "medium")]
    [InlineData("""{"type":"enabled","budget_tokens":8193}""", "high")]
    [InlineData("""{"type":"enabled","budget_tokens":64000}""", "high")]
    [InlineData("""{"type":"disabled"}""", null)]
    [InlineData("""{"type":"adaptive"}""", null)]
    public async Task The_budget_becomes_the_tables_effort_and_no_thinking_sends_none(string thinking, string? effort)
    {
        var (status, body) = await _relay.PostMessagesAsync(Body(thinking));

        status.ShouldBe(HttpStatusCode.OK, body);
        var sent = _relay.UpstreamRequest;
        if (effort is null)
            sent.TryGetProperty("reasoning_effort", out _).ShouldBeFalse();
        else
            sent.GetProperty("reasoning_effort").GetString().ShouldBe(effort);
    }

    [Theory]
    [InlineData("""{"type":"enabled"}""", "thinking.budget_tokens")]
    [InlineData("""{"type":"enabled","budget_tokens":"4000"}""", "thinking.budget_tokens")]
    [InlineData("""{"type":"sometimes"}""", "thinking.type")]
    [InlineData("true", "thinking.type")]
    public async Task A_thinking_anthropic_would_refuse_is_a_400_naming_its_field(string thinking, string field)
    {
        var (status, body) = await _relay.PostMessagesAsync(Body(thinking));

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        using var error = JsonDocument.Parse(body);
        error.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("invalid_request_error");
        error.RootElement.GetProperty("error").GetProperty("message").GetString()!.ShouldContain($"'{field}'");
        _relay.Upstream.ChatRequestCount.ShouldBe(0);
    }

    private static string Body(string thinking) =>
        $$"""{"model":"{{RelayGateway.Model}}","max_tokens":16000,"thinking":{{thinking}},"messages":[{"role":"user","content":"Is 1071 prime?"}]}""";
}
