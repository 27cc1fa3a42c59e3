using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.Resilience;

namespace Gatewayz.Tests.Monitoring;

/// <summary>
/// What an upstream says in its errors never reaches the recent errors: the gateway records its own description and the
/// upstream's error code, since an upstream's message often quotes the client's request; stored texts are bounded too.
/// </summary>
public sealed class StoredUpstreamErrorTests
{
    private const string Secret = "the confidential merger terms of ACME and Initech";

    [Fact]
    public async Task An_upstream_error_that_echoes_the_request_is_stored_bounded_and_without_the_echo()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        // An error inside a 200 answer is a provider failure: recorded with the upstream's own message.
        var echo = $$"""Invalid content '{{Secret}}' in request {"messages":[{"role":"user","content":"{{Secret}}"}]} """ + new string('x', 5_000);
        upstream.Behavior = new UpstreamBehavior { RawBody = JsonSerializer.Serialize(new { error = new { message = echo, type = "server_error" } }) };
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetries", "0")));
        using var client = gateway.CreateHttpClient();

        using var chat = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = TwoRouteSettings.SingleRouteModel, messages = new[] { new { role = "user", content = Secret } } });
        chat.IsSuccessStatusCode.ShouldBeFalse();

        var errors = await Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonElement>("/api/monitoring/errors/upstream"),
            answer => answer.GetArrayLength() > 0);
        var stored = errors[0].GetProperty("error").GetString()!;
        stored.ShouldNotContain("confidential");
        stored.ShouldNotContain("messages\":");
        stored.Length.ShouldBeLessThanOrEqualTo(ErrorText.MaxLength);
        stored.ShouldBe("upstream reported an error in its answer.", "the gateway records its own words, never the upstream's message");
    }

    [Theory]
    [InlineData("Unsupported input UNQUOTED {0}, please fix")] // an echo without quotes
    [InlineData("Value \"{0}\" rejected")] // a short quote
    [InlineData("Bad messages[0].content=[{0}]")]
    public async Task No_text_of_an_upstream_error_message_is_stored_only_its_code(string template)
    {
        const string shortSecret = "card 4111111111111111";
        await using var upstream = await FakeUpstream.StartAsync();
        var message = string.Format(template, shortSecret);
        upstream.Behavior = new UpstreamBehavior { RawBody = JsonSerializer.Serialize(new { error = new { message, type = "server_error", code = "upstream_failed" } }) };
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(upstream.BaseUrl, ("Gatewayz:Resilience:Retry:MaxRetries", "0")));
        using var client = gateway.CreateHttpClient();

        using var chat = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = TwoRouteSettings.SingleRouteModel, messages = new[] { new { role = "user", content = shortSecret } } });

        var errors = await Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonElement>("/api/monitoring/errors/upstream"),
            answer => answer.GetArrayLength() > 0);
        var stored = errors[0].GetProperty("error").GetString()!;
        stored.ShouldNotContain("4111");
        stored.ShouldBe("upstream reported an error in its answer (upstream_failed).");
    }
}
