using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Responses;

/// <summary>
/// The Responses API's <c>response</c> object and its output items, as OpenAI's reference defines them:
/// <code>
/// {"id":"resp_…","object":"response","created_at","status","error","incomplete_details","model","output":[…],"usage":{…},
///  and the request's settings echoed: "instructions","tools","tool_choice","text","reasoning","temperature","top_p",
///  "max_output_tokens","parallel_tool_calls","previous_response_id","store","metadata","user",…}
/// </code>
/// Output items, one per part of the answer in its order: <c>reasoning</c> (<c>{"id":"rs_…","summary":[],"content":
/// [{"type":"reasoning_text","text"}]}</c>, as OpenAI returns an open model's reasoning), <c>message</c> (<c>{"id":"msg_…",
/// "role":"assistant","status","content":[{"type":"output_text","text","annotations":[],"logprobs":[]}]}</c>) and
/// <c>function_call</c> (<c>{"id":"fc_…","call_id","name","arguments","status"}</c>). Item ids are the response's own
/// hex digits followed by the item's position, so they are unique and need no state.
/// </summary>
public static class ResponsesWire
{
    /// <summary>An output item's id: <paramref name="prefix"/> (<c>msg_</c>, <c>fc_</c>, <c>rs_</c>), the response id's digits, the item's position.</summary>
    public static string ItemId(string prefix, ResponseIdentity identity, int outputIndex) =>
        $"{prefix}{identity.Id.AsSpan(identity.Id.IndexOf('_') + 1)}{outputIndex:x2}";

    /// <summary>The response object; <paramref name="output"/> is the answer's parts (one output item each), <paramref name="usage"/> null until it is known.</summary>
    public static void WriteResponse(Utf8JsonWriter writer, ResponseIdentity identity, ResponsesSettings settings, ResponseStatus status,
        IReadOnlyList<ContentPart> output, TokenUsage? usage, int reasoningTokens = 0, GatewayError? error = null)
    {
        writer.WriteStartObject();
        writer.WriteString("id", identity.Id);
        writer.WriteString("object", "response");
        writer.WriteNumber("created_at", identity.Created);
        writer.WriteString("status", status.Status);
        writer.WriteBoolean("background", false);
        if (error is null)
            writer.WriteNull("error");
        else
        {
            writer.WriteStartObject("error");
            writer.WriteString("code", error.Status == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : "server_error");
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }
        if (status.IncompleteReason is { } reason)
        {
            writer.WriteStartObject("incomplete_details");
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        else
            writer.WriteNull("incomplete_details");
        WriteNullable(writer, "instructions", settings.Instructions);
        WriteNullable(writer, "max_output_tokens", settings.MaxOutputTokens);
        writer.WriteNull("max_tool_calls");
        writer.WriteString("model", identity.Model);
        writer.WriteStartArray("output");
        for (var i = 0; i < output.Count; i++)
            WriteOutputItem(writer, identity, i, output[i], status.ItemStatus);
        writer.WriteEndArray();
        writer.WriteBoolean("parallel_tool_calls", settings.ParallelToolCalls);
        WriteNullable(writer, "previous_response_id", settings.PreviousResponseId);
        WriteNullable(writer, "prompt_cache_key", settings.PromptCacheKey);
        WriteEcho(writer, "reasoning", settings.Reasoning, static writer =>
        {
            writer.WriteStartObject();
            writer.WriteNull("effort");
            writer.WriteNull("summary");
            writer.WriteEndObject();
        });
        WriteNullable(writer, "safety_identifier", settings.SafetyIdentifier);
        writer.WriteString("service_tier", "default");
        writer.WriteBoolean("store", settings.Store);
        WriteNullable(writer, "temperature", settings.Temperature);
        WriteEcho(writer, "text", settings.Text, static writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("format");
            writer.WriteString("type", ResponseFormat.Text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        WriteEcho(writer, "tool_choice", settings.ToolChoice, static writer => writer.WriteStringValue("auto"));
        WriteEcho(writer, "tools", settings.Tools, static writer =>
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        });
        WriteNullable(writer, "top_p", settings.TopP);
        writer.WriteString("truncation", "disabled");
        if (usage is { } tokens) WriteUsage(writer, tokens, reasoningTokens); else writer.WriteNull("usage");
        WriteNullable(writer, "user", settings.User);
        WriteEcho(writer, "metadata", settings.Metadata, static writer =>
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        });
        writer.WriteEndObject();
    }

    /// <summary>One output item for one part of the answer (a <see cref="TextPart"/> is a message of one <c>output_text</c>).</summary>
    public static void WriteOutputItem(Utf8JsonWriter writer, ResponseIdentity identity, int outputIndex, ContentPart part, string status)
    {
        writer.WriteStartObject();
        switch (part)
        {
            case TextPart text:
                writer.WriteString("type", "message");
                writer.WriteString("id", ItemId("msg_", identity, outputIndex));
                writer.WriteString("status", status);
                writer.WriteString("role", "assistant");
                writer.WriteStartArray("content");
                if (text.Text.Length > 0 || status != "in_progress")
                    WriteOutputText(writer, text.Text);
                writer.WriteEndArray();
                break;
            case ToolCallPart call:
                writer.WriteString("type", "function_call");
                writer.WriteString("id", ItemId("fc_", identity, outputIndex));
                writer.WriteString("call_id", call.Id);
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments);
                // A call's arguments are whole once its item is done, even when the answer was cut after it.
                writer.WriteString("status", status == "in_progress" ? status : "completed");
                break;
            case ThinkingPart thinking:
                writer.WriteString("type", "reasoning");
                writer.WriteString("id", ItemId("rs_", identity, outputIndex));
                writer.WriteStartArray("summary");
                writer.WriteEndArray();
                writer.WriteStartArray("content");
                if (thinking.Text.Length > 0)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "reasoning_text");
                    writer.WriteString("text", thinking.Text);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteString("status", status);
                break;
        }
        writer.WriteEndObject();
    }

    /// <summary>A message's <c>output_text</c> content part.</summary>
    public static void WriteOutputText(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "output_text");
        writer.WriteString("text", text);
        writer.WriteStartArray("annotations");
        writer.WriteEndArray();
        writer.WriteStartArray("logprobs");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>usage</c>: <c>input_tokens</c> the whole prompt (its cached part also in <c>input_tokens_details.cached_tokens</c>),
    /// <c>output_tokens</c> with the reasoning's part in <c>output_tokens_details.reasoning_tokens</c>.
    /// </summary>
    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage, int reasoningTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", usage.InputTokens);
        writer.WriteStartObject("input_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedInputTokens);
        writer.WriteEndObject();
        writer.WriteNumber("output_tokens", usage.OutputTokens);
        writer.WriteStartObject("output_tokens_details");
        writer.WriteNumber("reasoning_tokens", reasoningTokens);
        writer.WriteEndObject();
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        writer.WriteEndObject();
    }

    /// <summary>The client's own value of a setting, or the API's default when it gave none.</summary>
    private static void WriteEcho(Utf8JsonWriter writer, string name, JsonElement? value, Action<Utf8JsonWriter> writeDefault)
    {
        writer.WritePropertyName(name);
        if (value is { } given) given.WriteTo(writer);
        else writeDefault(writer);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name); else writer.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number) writer.WriteNumber(name, number); else writer.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number) writer.WriteNumber(name, number); else writer.WriteNull(name);
    }
}
