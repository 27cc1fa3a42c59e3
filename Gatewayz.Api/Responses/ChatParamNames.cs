using System.Text.RegularExpressions;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Responses;

/// <summary>
/// Names a refusal of the chat-completions body the bridge wrote by the Responses API request's own fields. An Anthropic
/// upstream is sent a translation of that body, and what it cannot express is refused by the chat field
/// (<c>response_format</c>, <c>messages[3].tool_calls[0].function.arguments</c>); the client sent <c>text.format</c> and
/// <c>input[5].arguments</c>. Each chat message came from one input item (or <c>instructions</c>, or the stored
/// conversation), and each of its tool calls from one <c>function_call</c> item (<see cref="ResponsesConversation"/>).
/// </summary>
public static partial class ChatParamNames
{
    [GeneratedRegex(@"^messages\[(?<message>\d+)\](?:\.tool_calls\[(?<call>\d+)\](?<arguments>\.function\.arguments)?|\.content\[(?<part>\d+)\])?")]
    private static partial Regex MessagePath();

    /// <summary>The error with its <c>param</c>, and the field its message quotes, renamed to the client's field.</summary>
    public static GatewayError Rename(GatewayError error, ResponsesConversation conversation)
    {
        if (error.Param is not { } param || ClientField(param, conversation) is not { } field || field == param)
            return error;
        return error with { Param = field, Message = error.Message.Replace($"'{param}'", $"'{field}'") };
    }

    private static string? ClientField(string param, ResponsesConversation conversation)
    {
        if (MessagePath().Match(param) is { Success: true } message)
        {
            var index = int.Parse(message.Groups["message"].ValueSpan);
            if (index >= conversation.Messages.Count)
                return null;
            if (message.Groups["call"].Success)
                return conversation.CallPathOf(index, int.Parse(message.Groups["call"].ValueSpan)) + (message.Groups["arguments"].Success ? ".arguments" : "");
            if (message.Groups["part"].Success && int.Parse(message.Groups["part"].ValueSpan) is var part && part < conversation.Messages[index].Parts.Count)
                return conversation.PathOf(new(index, part));
            return conversation.ItemPathOf(index);
        }
        return param switch
        {
            "response_format" or "response_format.type" => "text.format",
            "max_tokens" or "max_completion_tokens" => "max_output_tokens",
            "reasoning_effort" => "reasoning.effort",
            "tool_choice.function.name" => "tool_choice.name",
            _ when param.StartsWith("tools[", StringComparison.Ordinal) => param.Replace(".function.", ".", StringComparison.Ordinal),
            _ => param,
        };
    }
}
