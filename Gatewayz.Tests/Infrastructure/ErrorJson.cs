using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Checks that a response is an error in one of the gateway's two API formats.</summary>
public static class ErrorJson
{
    /// <summary><c>{"error":{"message","type","param","code"}}</c> with the given status and code, and no stack trace.</summary>
    public static async Task ShouldBeOpenAiError(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("error");
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        error.GetProperty("type").GetString().ShouldNotBeNullOrWhiteSpace();
        error.TryGetProperty("param", out _).ShouldBeTrue();
        text.ShouldNotContain("   at ");
    }

    /// <summary><c>{"type":"error","error":{"type","message"}}</c> with the given status and error type.</summary>
    public static async Task ShouldBeAnthropicError(HttpResponseMessage response, int status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("type").GetString().ShouldBe("error");
        json.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe(type);
        json.RootElement.GetProperty("error").GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
