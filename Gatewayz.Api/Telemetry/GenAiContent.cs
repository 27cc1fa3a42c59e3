using System.Text.Json;
using System.Text.Json.Nodes;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Telemetry;

/// <summary>Prompts and completions in the conventions' input/output message JSON shape (text parts only).</summary>
internal static class GenAiContent
{
    public static string InputMessages(IReadOnlyList<ChatMessage> messages) =>
        new JsonArray([.. messages.Select(message => Message(message.Role, message.Content))]).ToJsonString();

    public static string OutputMessages(string completion, string finishReason)
    {
        var message = Message("assistant", completion);
        message["finish_reason"] = finishReason;
        return new JsonArray(message).ToJsonString();
    }

    private static JsonObject Message(string role, string text) => new()
    {
        ["role"] = role,
        ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["content"] = text }),
    };
}
