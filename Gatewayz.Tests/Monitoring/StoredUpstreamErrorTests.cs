using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.Resilience;

namespace Gatewayz.Tests.Monitoring;

/// <summary>What an upstream says in its errors reaches the recent errors only sanitized: bounded, without the request it echoed.</summary>
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
        stored.ShouldContain("Invalid content");
    }
}
