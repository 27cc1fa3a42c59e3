using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Resilience;

/// <summary>
/// Gateway settings for a model served first by a <see cref="FakeUpstream"/> (provider <c>upstream</c>)
/// and then by the calm simulated provider <c>groq</c>, with fast retries so tests stay quick.
/// </summary>
public static class TwoRouteSettings
{
    public const string Model = "test/resilient";
    public const string SingleRouteModel = "test/single";

    public static Dictionary<string, string?> For(Uri upstream, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:upstream:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:upstream:BaseUrl"] = upstream.ToString(),
            ["Gatewayz:Providers:upstream:TimeToFirstByteSeconds"] = "10",
            ["Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds"] = "10",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "upstream",
            [$"Gatewayz:Models:{Model}:Routes:1:Provider"] = "groq",
            [$"Gatewayz:Models:{SingleRouteModel}:Routes:0:Provider"] = "upstream",
            ["Gatewayz:Resilience:Retry:BaseDelayMilliseconds"] = "1",
            ["Gatewayz:Resilience:Retry:MaxDelayMilliseconds"] = "5",
        };
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return settings;
    }

    public static async Task<HttpResponseMessage> PostChatAsync(this GatewayHost gateway, string model = Model, bool stream = false)
    {
        using var client = gateway.CreateHttpClient();
        return await client.PostAsync("/v1/chat/completions", new StringContent(
            JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content = "hi" } } }),
            Encoding.UTF8, "application/json"));
    }
}
