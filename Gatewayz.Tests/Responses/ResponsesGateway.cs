using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // The SDK's Responses client is marked experimental.

namespace Gatewayz.Tests.Responses;

/// <summary>What the Responses API tests share: the simulated model, a second user's key, and requests as raw HTTP.</summary>
public static class ResponsesGateway
{
    public const string Model = ChatRequests.Model;

    /// <summary>A key of another user than the development key's.</summary>
    public const string OtherUsersKey = "gwz-other-user-key-0002";

    /// <summary>A function tool the simulators call when the user's message names it.</summary>
    public static readonly FunctionTool WeatherTool = ResponseTool.CreateFunctionTool("get_weather",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
        strictModeEnabled: null, functionDescription: "The weather in a city.");

    /// <summary>The settings that add <see cref="OtherUsersKey"/>, for the user <c>other</c>.</summary>
    public static Dictionary<string, string?> WithOtherUser(this Dictionary<string, string?> settings)
    {
        settings["Gatewayz:ApiKeys:1:Key"] = OtherUsersKey;
        settings["Gatewayz:ApiKeys:1:Name"] = "other";
        settings["Gatewayz:ApiKeys:1:UserId"] = "other";
        return settings;
    }

    public static ResponsesClient CreateResponsesClient(this GatewayHost gateway, string apiKey = GatewayHost.DevelopmentKey) =>
        gateway.CreateOpenAiClient(apiKey).GetResponsesClient();

    /// <summary>A request for <paramref name="model"/> with these input items.</summary>
    public static CreateResponseOptions Options(params ResponseItem[] input) => Options(Model, input);

    public static CreateResponseOptions Options(string model, params ResponseItem[] input) => new(model, input);

    /// <summary>The same request, streamed (the SDK asks for the flag as well as the streaming call).</summary>
    public static CreateResponseOptions Streamed(CreateResponseOptions options)
    {
        options.StreamingEnabled = true;
        return options;
    }

    /// <summary>Posts a Responses API body as it is; the status and the body as text.</summary>
    public static async Task<(int Status, string Body)> PostAsync(this GatewayHost gateway, string json, string apiKey = GatewayHost.DevelopmentKey)
    {
        using var http = gateway.CreateHttpClient(apiKey);
        using var response = await http.PostAsync("/v1/responses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An OpenAI error body's <c>error.param</c> and <c>error.code</c>.</summary>
    public static (string? Param, string? Code) ErrorOf(string body)
    {
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        return (error.GetProperty("param").GetString(), error.GetProperty("code").GetString());
    }

    /// <summary>The events of a Responses API stream: each event's name and its data.</summary>
    public static List<(string Event, JsonElement Data)> Events(string sse)
    {
        var events = new List<(string, JsonElement)>();
        string? name = null;
        foreach (var line in sse.Split('\n'))
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add((name ?? "", JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
        }
        return events;
    }
}
