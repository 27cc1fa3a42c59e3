using System.Net;
using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

/// <summary>Chat completions of the shipped simulated model at a price the test sets: each answer's id and exactly what it costs.</summary>
public static class PricedChat
{
    public const string Model = ChatRequests.Model;

    public static readonly ModelPricing Price = new() { InputPerMillion = 1000, OutputPerMillion = 2000 };

    /// <summary>Adds the settings that give <see cref="Model"/> its <see cref="Price"/> to <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> Priced(this Dictionary<string, string?> settings)
    {
        settings[$"Gatewayz:Models:{Model}:Pricing:InputPerMillion"] = Price.InputPerMillion.ToString();
        settings[$"Gatewayz:Models:{Model}:Pricing:OutputPerMillion"] = Price.OutputPerMillion.ToString();
        return settings;
    }

    /// <summary>One completion, which must succeed: its response id (the debit's request id) and its cost from the usage it reports.</summary>
    public static async Task<(string Id, decimal Cost)> PostAsync(HttpClient http, string content)
    {
        using var response = await http.PostChatAsync(content: content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var root = JsonDocument.Parse(body).RootElement;
        var usage = root.GetProperty("usage");
        var cost = Price.CostOf(usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        cost.ShouldBeGreaterThan(0m);
        return (root.GetProperty("id").GetString()!, cost);
    }
}
