using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.Resilience;
using Gatewayz.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Strings that are not Unicode text — a lone UTF-16 surrogate escape (an emoji cut in half by a
/// JavaScript <c>slice</c>) or bytes that are not UTF-8 — anywhere in a body, forwarded fields and property
/// names included, are a 400 naming the field, on both chat APIs, before any upstream call. The bodies go
/// out as raw bytes: an SDK would refuse to send them.
/// </summary>
public sealed class BadTextTests : IAsyncLifetime
{
    private const string Model = TwoRouteSettings.SingleRouteModel; // served by the fake upstream alone
    private const string ChatPath = "/v1/chat/completions";
    private const string MessagesPath = "/v1/messages";

    private readonly CapturingLoggerProvider _logs = new();
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl), services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    /// <summary>A bad string, where it sits in each API's body, and the path the error must name there.</summary>
    private sealed record BadText(byte[] Content, string OpenAiExtra, string OpenAiParam, string AnthropicExtra, string AnthropicParam)
    {
        public static BadText InContent(params object[] content) =>
            new(Bytes(content), "", "messages[0].content", "", "messages[0].content");

        public static BadText InField(string extra, string param) => new(Bytes("\"hi\""), extra, param, extra, param);
    }

    private static readonly Dictionary<string, BadText> Cases = new()
    {
        ["lone high surrogate in content"] = BadText.InContent("""
            "Nice work \ud83d"
            """),
        ["lone low surrogate in content"] = BadText.InContent("""
            "\udc00 is the second half"
            """),
        ["high surrogate followed by a non-low escape"] = BadText.InContent("""
            "\ud83d\u0041 is not a pair"
            """),
        ["lone surrogate in the user"] = new(Bytes("\"hi\""),
            ""","user":"al\ud83dice" """, "user",
            ""","metadata":{"user_id":"al\ud83dice"}""", "metadata.user_id"),
        ["lone surrogate in a tool schema"] = new(Bytes("\"hi\""),
            ""","tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City \udc00"}}}}}]""",
            "tools[0].function.parameters.properties.city.description",
            ""","tools":[{"name":"weather","input_schema":{"type":"object","properties":{"city":{"type":"string","description":"City \udc00"}}}}]""",
            "tools[0].input_schema.properties.city.description"),
        ["lone surrogate in an unknown field"] = BadText.InField("""
            ,"x_vendor_extension":["fine",{"note":"\ud800"}]
            """, "x_vendor_extension[1].note"),
        ["lone surrogate in a property name"] = BadText.InField("""
            ,"metadata":{"ci\ud83dty":"Paris"}
            """, @"metadata.ci\ud83dty"),
        ["invalid UTF-8 C3 28 in content"] = BadText.InContent("\"caf", 0xC3, 0x28, "\""),
        ["invalid UTF-8 FF in content"] = BadText.InContent("\"a", 0xFF, "b\""),
        ["UTF-8 encoded surrogate in content"] = BadText.InContent("\"a", 0xED, 0xA0, 0xBD, "\""),
    };

    public static TheoryData<string, string> BadTextRequests()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(ChatPath, name);
            data.Add(MessagesPath, name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadTextRequests))]
    public async Task Bad_text_is_a_400_naming_the_field_before_any_upstream_call(string path, string caseName)
    {
        var badCase = Cases[caseName];
        var openAi = path == ChatPath;

        var response = await PostAsync(path, openAi
            ? Body($$"""{"model":"{{Model}}","messages":[{"role":"user","content":""", badCase.Content, "}]" + badCase.OpenAiExtra + "}")
            : Body($$"""{"model":"{{Model}}","max_tokens":64,"messages":[{"role":"user","content":""", badCase.Content, "}]" + badCase.AnthropicExtra + "}"));

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, text);
        using var json = JsonDocument.Parse(text);
        if (openAi)
        {
            var error = json.RootElement.GetProperty("error");
            error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
            error.GetProperty("code").GetString().ShouldBe("invalid_value");
            error.GetProperty("param").GetString().ShouldBe(badCase.OpenAiParam);
            error.GetProperty("message").GetString()!.ShouldContain($"'{badCase.OpenAiParam}'");
        }
        else
        {
            json.RootElement.GetProperty("type").GetString().ShouldBe("error");
            var error = json.RootElement.GetProperty("error");
            error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
            error.GetProperty("message").GetString()!.ShouldContain($"'{badCase.AnthropicParam}'");
        }
        ShouldNameTheFault(json, caseName);
        _upstream.ChatRequestCount.ShouldBe(0);
        await ShouldHaveAnsweredWithoutServerErrors(path, expected400s: 1);
    }

    [Theory]
    [InlineData(ChatPath)]
    [InlineData(MessagesPath)]
    public async Task Escaped_surrogate_pairs_and_raw_emoji_reach_the_upstream_intact(string path)
    {
        // 😀 written as the escaped pair, 🎉 as raw UTF-8 bytes.
        var content = Bytes("\"Nice work \\ud83d\\ude00 and ", Encoding.UTF8.GetBytes("🎉"), "\"");
        var response = await PostAsync(path, path == ChatPath
            ? Body($$"""{"model":"{{Model}}","user":"\ud83d\ude00","messages":[{"role":"user","content":""", content, "}]}")
            : Body($$"""{"model":"{{Model}}","max_tokens":64,"messages":[{"role":"user","content":""", content, "}]}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var forwarded = _upstream.Requests.Single().Body!.Value;
        forwarded.GetProperty("messages")[0].GetProperty("content").GetString().ShouldBe("Nice work 😀 and 🎉");
        if (path == ChatPath)
            forwarded.GetProperty("user").GetString().ShouldBe("😀");
        await ShouldHaveAnsweredWithoutServerErrors(path, expected400s: 0);
    }

    private static void ShouldNameTheFault(JsonDocument json, string caseName)
    {
        var message = json.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        message.ShouldContain(caseName.Contains("UTF-8") ? "not valid UTF-8" : "lone UTF-16 surrogate", Case.Sensitive);
    }

    /// <summary>No 5xx in the HTTP metrics, no unhandled exception counted or logged, nothing sent to a model.</summary>
    private async Task ShouldHaveAnsweredWithoutServerErrors(string path, int expected400s)
    {
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("route", path), ("status_code", "400")).ShouldBe(expected400s);
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("status_code", "500")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_http_exceptions_total").ShouldBe(0);
        if (expected400s > 0)
            MetricsText.Sum(metrics, "gatewayz_inference_requests_total").ShouldBe(0);
        _logs.Lines.ShouldNotContain(line => line.Contains("Unhandled exception"));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        using var client = _gateway.CreateHttpClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await client.PostAsync(path, content);
    }

    private static byte[] Body(string start, byte[] content, string end) => Bytes(start, content, end);

    /// <summary>ASCII text and raw bytes (ints, or byte arrays spliced in), as the client sends them.</summary>
    private static byte[] Bytes(params object[] parts) =>
    [
        .. parts.SelectMany(part => part switch
        {
            string ascii => Encoding.ASCII.GetBytes(ascii),
            byte[] bytes => bytes,
            int raw => [(byte)raw],
            _ => throw new ArgumentException($"Cannot send {part.GetType()}."),
        }),
    ];

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
