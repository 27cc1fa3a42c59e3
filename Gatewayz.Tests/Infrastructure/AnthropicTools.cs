using System.Text.Json;
using Anthropic.Models.Messages;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Tools the Anthropic SDK tests offer the model.</summary>
public static class AnthropicTools
{
    /// <summary><c>get_weather</c>, with a required string <c>city</c>.</summary>
    public static readonly Tool Weather = new()
    {
        Name = "get_weather",
        Description = "The weather in a city.",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonElement.Parse("""{"type":"string"}""") },
            Required = ["city"],
        },
    };
}
