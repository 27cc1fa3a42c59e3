using System.Buffers;
using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Wire.Anthropic;

/// <summary>
/// Writes the Anthropic Messages body an Anthropic upstream receives for an OpenAI client's chat-completions
/// body: <c>system</c>/<c>developer</c> messages → <c>system</c> blocks; user text and <c>image_url</c> parts →
/// <c>text</c> and <c>image</c> blocks (data URLs as base64, other URLs as URLs); assistant text and
/// <c>tool_calls</c> → <c>text</c> and <c>tool_use</c> blocks (arguments parsed into <c>input</c>); <c>tool</c>
/// messages → <c>tool_result</c> blocks in a user turn; consecutive turns of one role joined; <c>tools</c>,
/// <c>tool_choice</c> and <c>parallel_tool_calls</c>, <c>stop</c>, <c>max_completion_tokens</c> /
/// <c>max_tokens</c> (<see cref="DefaultMaxTokens"/> when neither is given: Anthropic requires it),
/// <c>temperature</c>, <c>top_p</c>, <c>user</c> → <c>metadata.user_id</c>, <c>stream</c>; <c>reasoning_effort</c>
/// (or OpenRouter's <c>reasoning</c>) → <c>thinking</c> with a budget (<see cref="AnthropicThinking"/>), and an
/// assistant message's <c>thinking_blocks</c> → its signed <c>thinking</c> and <c>redacted_thinking</c> blocks, first
/// in its turn (its <c>reasoning_content</c>, unsigned, is not sent). A field Anthropic cannot express
/// (<see cref="Untranslatable"/>) is a 400 naming it; fields that only tune delivery or bookkeeping (<c>seed</c>,
/// <c>store</c>, <c>metadata</c>, <c>service_tier</c>, <c>stream_options</c>) are not sent, nor are
/// <c>tool_choice</c> and <c>parallel_tool_calls</c> without <c>tools</c>.
/// </summary>
public static class AnthropicRequestWriter
{
    /// <summary>Anthropic's <c>max_tokens</c> when the OpenAI client set no limit.</summary>
    public const int DefaultMaxTokens = 4096;

    /// <summary>The Anthropic body for the OpenAI <paramref name="body"/>, as a document of its own that needs no disposal.</summary>
    /// <exception cref="GatewayException">A 400 naming the first field or part Anthropic cannot express.</exception>
    public static JsonElement Write(JsonElement body, string model)
    {
        Untranslatable(body);
        var messages = body.GetProperty("messages");
        var (maxField, clientMax) = PositiveInt(body, "max_completion_tokens") is { } completionMax ? ("max_completion_tokens", completionMax) : ("max_tokens", PositiveInt(body, "max_tokens"));
        var (maxTokens, budget) = (clientMax ?? DefaultMaxTokens, (int?)null);
        if (AnthropicThinking.BudgetOf(body) is { } asked)
        {
            AnthropicThinking.CheckCompatible(body, messages);
            (maxTokens, budget) = AnthropicThinking.Fit(asked, clientMax, maxField);
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("max_tokens", maxTokens);
            if (budget is { } budgetTokens)
            {
                writer.WriteStartObject("thinking");
                writer.WriteString("type", "enabled");
                writer.WriteNumber("budget_tokens", budgetTokens);
                writer.WriteEndObject();
            }
            System(writer, messages);
            Messages(writer, messages);
            if (Get(body, "stop") is { } stop) StopSequences(writer, stop);
            if (Get(body, "temperature") is { ValueKind: JsonValueKind.Number } temperature)
            {
                if (temperature.GetDouble() > 1)
                    throw Unsupported("temperature", "Anthropic models accept a temperature from 0 to 1.");
                writer.WritePropertyName("temperature");
                temperature.WriteTo(writer);
            }
            if (Get(body, "top_p") is { ValueKind: JsonValueKind.Number } topP)
            {
                writer.WritePropertyName("top_p");
                topP.WriteTo(writer);
            }
            if (Get(body, "top_k") is { ValueKind: JsonValueKind.Number } topK)
            {
                writer.WritePropertyName("top_k");
                topK.WriteTo(writer);
            }
            if (Get(body, "user") is { ValueKind: JsonValueKind.String } user)
            {
                writer.WriteStartObject("metadata");
                writer.WriteString("user_id", user.GetString());
                writer.WriteEndObject();
            }
            Tools(writer, body);
            if (Get(body, "stream") is { ValueKind: JsonValueKind.True })
                writer.WriteBoolean("stream", true);
            writer.WriteEndObject();
        }
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>OpenAI fields with no Anthropic counterpart that change the answer: a 400 naming the field.</summary>
    private static void Untranslatable(JsonElement body)
    {
        if (Get(body, "n") is { ValueKind: JsonValueKind.Number } n && n.GetDouble() != 1)
            throw Unsupported("n", "Anthropic models answer with one choice only.");
        if (Get(body, "logprobs") is { ValueKind: JsonValueKind.True })
            throw Unsupported("logprobs", "Anthropic models do not report log probabilities.");
        if (Get(body, "top_logprobs") is not null)
            throw Unsupported("top_logprobs", "Anthropic models do not report log probabilities.");
        if (Get(body, "response_format") is { } format && (format.ValueKind != JsonValueKind.Object || Get(format, "type") is not { ValueKind: JsonValueKind.String } type || type.GetString() != "text"))
            throw Unsupported("response_format", "Anthropic models have no JSON mode or structured outputs through this gateway; only {\"type\":\"text\"} is accepted.");
        if (Get(body, "logit_bias") is { ValueKind: JsonValueKind.Object } bias && bias.EnumerateObject().Any())
            throw Unsupported("logit_bias", "Anthropic models take no logit bias.");
        foreach (var penalty in (string[])["frequency_penalty", "presence_penalty"])
        {
            if (Get(body, penalty) is { ValueKind: JsonValueKind.Number } value && value.GetDouble() != 0)
                throw Unsupported(penalty, "Anthropic models take no frequency or presence penalty.");
        }
        if (Get(body, "audio") is not null)
            throw Unsupported("audio", "Anthropic models do not answer in audio.");
        if (Get(body, "modalities") is { ValueKind: JsonValueKind.Array } modalities && modalities.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() != "text"))
            throw Unsupported("modalities", "Anthropic models answer in text only.");
        if (Get(body, "prediction") is not null)
            throw Unsupported("prediction", "Anthropic models take no predicted output.");
        if (Get(body, "functions") is not null)
            throw Unsupported("functions", "use 'tools': the deprecated functions API is not translated for Anthropic models.");
    }

    private static void System(Utf8JsonWriter writer, JsonElement messages)
    {
        var started = false;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (role is "system" or "developer")
            {
                if (!started)
                {
                    writer.WriteStartArray("system");
                    started = true;
                }
                TextBlocks(writer, Get(message, "content"), $"messages[{i}].content");
            }
            i++;
        }
        if (started) writer.WriteEndArray();
    }

    private static void Messages(Utf8JsonWriter writer, JsonElement messages)
    {
        writer.WriteStartArray("messages");
        string? open = null;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            var at = $"messages[{i++}]";
            var turn = role switch
            {
                "system" or "developer" => null,
                "user" or "tool" => "user",
                "assistant" => "assistant",
                _ => throw Unsupported($"{at}.role", $"the role '{role}' is not translated for Anthropic models; use 'tool' messages."),
            };
            if (turn is null) continue;
            if (open != turn)
            {
                if (open is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteStartObject();
                writer.WriteString("role", turn);
                writer.WriteStartArray("content");
                open = turn;
            }
            switch (role)
            {
                case "user":
                    UserBlocks(writer, Get(message, "content"), $"{at}.content");
                    break;
                case "tool":
                    writer.WriteStartObject();
                    writer.WriteString("type", "tool_result");
                    writer.WriteString("tool_use_id", Get(message, "tool_call_id") is { ValueKind: JsonValueKind.String } id ? id.GetString() : throw new GatewayException(GatewayError.MissingField($"{at}.tool_call_id")));
                    writer.WriteStartArray("content");
                    TextBlocks(writer, Get(message, "content"), $"{at}.content");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    break;
                default:
                    // Anthropic wants an assistant turn's signed thinking ahead of its text and tool use.
                    if (Get(message, "thinking_blocks") is { } thinking)
                        ThinkingBlocks(writer, thinking, $"{at}.thinking_blocks");
                    TextBlocks(writer, Get(message, "content"), $"{at}.content");
                    if (Get(message, "tool_calls") is { ValueKind: JsonValueKind.Array } calls)
                        ToolUses(writer, calls, $"{at}.tool_calls");
                    break;
            }
        }
        if (open is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>String content or text (and refusal) parts as <c>text</c> blocks; empty text is left out, as Anthropic refuses it.</summary>
    private static void TextBlocks(Utf8JsonWriter writer, JsonElement? content, string at)
    {
        switch (content)
        {
            case null:
                return;
            case { ValueKind: JsonValueKind.String } text:
                TextBlock(writer, text.GetString()!);
                return;
            case { ValueKind: JsonValueKind.Array } parts:
                var i = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    var type = Get(part, "type")?.GetString();
                    if (type is "text" && Get(part, "text") is { ValueKind: JsonValueKind.String } partText)
                        TextBlock(writer, partText.GetString()!);
                    else if (type is "refusal" && Get(part, "refusal") is { ValueKind: JsonValueKind.String } refusal)
                        TextBlock(writer, refusal.GetString()!);
                    else
                        throw Unsupported($"{at}[{i}].type", $"a '{type}' part is not accepted here by Anthropic models.");
                    i++;
                }
                return;
            default:
                throw new GatewayException(GatewayError.InvalidValue(at, "expected a string or an array of parts."));
        }
    }

    /// <summary>
    /// An assistant message's <c>thinking_blocks</c> (LiteLLM's convention for Anthropic's reasoning in OpenAI's
    /// format, which the gateway's answers carry too) as Anthropic's blocks: <c>{"type":"thinking","thinking",
    /// "signature"}</c> and <c>{"type":"redacted_thinking","data"}</c>. Anthropic takes reasoning back only as it
    /// gave it, signed, so a thinking block without its signature is refused here rather than by the upstream.
    /// </summary>
    private static void ThinkingBlocks(Utf8JsonWriter writer, JsonElement blocks, string at)
    {
        if (blocks.ValueKind != JsonValueKind.Array)
            throw new GatewayException(GatewayError.InvalidValue(at, "expected an array of thinking blocks."));
        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var path = $"{at}[{i++}]";
            writer.WriteStartObject();
            switch (Get(block, "type") is { ValueKind: JsonValueKind.String } type ? type.GetString() : null)
            {
                case "thinking":
                    writer.WriteString("type", "thinking");
                    writer.WriteString("thinking", RequiredString(block, "thinking", path));
                    writer.WriteString("signature", Get(block, "signature") is { ValueKind: JsonValueKind.String } signature && signature.GetString() is { Length: > 0 } signed
                        ? signed
                        : throw Unsupported($"{path}.signature", "Anthropic models take reasoning back only with the signature they gave it; send the thinking block as the answer carried it."));
                    break;
                case "redacted_thinking":
                    writer.WriteString("type", "redacted_thinking");
                    writer.WriteString("data", RequiredString(block, "data", path));
                    break;
                default:
                    throw new GatewayException(GatewayError.InvalidValue($"{path}.type", "expected thinking or redacted_thinking."));
            }
            writer.WriteEndObject();
        }
    }

    private static string RequiredString(JsonElement obj, string field, string at) =>
        Get(obj, field) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw new GatewayException(GatewayError.MissingField($"{at}.{field}"));

    private static void UserBlocks(Utf8JsonWriter writer, JsonElement? content, string at)
    {
        if (content is not { ValueKind: JsonValueKind.Array } parts)
        {
            TextBlocks(writer, content, at);
            return;
        }
        var i = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var type = Get(part, "type")?.GetString();
            if (type is "image_url" && Get(part, "image_url") is { ValueKind: JsonValueKind.Object } image && Get(image, "url") is { ValueKind: JsonValueKind.String } url)
                ImageBlock(writer, url.GetString()!, $"{at}[{i}].image_url.url");
            else if (type is "text" && Get(part, "text") is { ValueKind: JsonValueKind.String } text)
                TextBlock(writer, text.GetString()!);
            else
                throw Unsupported($"{at}[{i}].type", $"a '{type}' part is not translated for Anthropic models (text and image_url are).");
            i++;
        }
    }

    /// <summary>
    /// A <c>text</c> block, unless the text is empty or whitespace alone: Anthropic refuses such a block ("text
    /// content blocks must contain non-whitespace text"), and OpenAI clients send them back as they got them
    /// (vLLM answers "\n\n" before its tool calls).
    /// </summary>
    private static void TextBlock(Utf8JsonWriter writer, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    /// <summary>An <c>image</c> block: a base64 <c>data:</c> URL as a base64 source, any other URL as a URL source.</summary>
    private static void ImageBlock(Utf8JsonWriter writer, string url, string at)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "image");
        writer.WriteStartObject("source");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',');
            var header = comma < 0 ? "" : url[5..comma];
            if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
                throw new GatewayException(GatewayError.InvalidValue(at, "expected a base64 data URL (data:<media type>;base64,<data>)."));
            writer.WriteString("type", "base64");
            writer.WriteString("media_type", header[..^7]);
            writer.WriteString("data", url[(comma + 1)..]);
        }
        else
        {
            writer.WriteString("type", "url");
            writer.WriteString("url", url);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void ToolUses(Utf8JsonWriter writer, JsonElement calls, string at)
    {
        var i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var path = $"{at}[{i++}]";
            if (Get(call, "function") is not { ValueKind: JsonValueKind.Object } function)
                throw new GatewayException(GatewayError.MissingField($"{path}.function"));
            writer.WriteStartObject();
            writer.WriteString("type", "tool_use");
            writer.WriteString("id", Get(call, "id")?.GetString() ?? throw new GatewayException(GatewayError.MissingField($"{path}.id")));
            writer.WriteString("name", Get(function, "name")?.GetString() ?? throw new GatewayException(GatewayError.MissingField($"{path}.function.name")));
            writer.WritePropertyName("input");
            var arguments = Get(function, "arguments")?.GetString();
            if (string.IsNullOrWhiteSpace(arguments))
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                try
                {
                    using var input = JsonDocument.Parse(arguments);
                    if (input.RootElement.ValueKind != JsonValueKind.Object)
                        throw new GatewayException(GatewayError.InvalidValue($"{path}.function.arguments", "Anthropic models take a JSON object as a tool's input."));
                    input.RootElement.WriteTo(writer);
                }
                catch (JsonException)
                {
                    throw new GatewayException(GatewayError.InvalidValue($"{path}.function.arguments", "expected a JSON object's text."));
                }
            }
            writer.WriteEndObject();
        }
    }

    private static void StopSequences(Utf8JsonWriter writer, JsonElement stop)
    {
        writer.WriteStartArray("stop_sequences");
        if (stop.ValueKind == JsonValueKind.String)
            writer.WriteStringValue(stop.GetString());
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            foreach (var sequence in stop.EnumerateArray())
            {
                if (sequence.ValueKind != JsonValueKind.String)
                    throw new GatewayException(GatewayError.InvalidValue("stop", "expected a string or an array of strings."));
                writer.WriteStringValue(sequence.GetString());
            }
        }
        writer.WriteEndArray();
    }

    private static void Tools(Utf8JsonWriter writer, JsonElement body)
    {
        var parallel = Get(body, "parallel_tool_calls") is not { ValueKind: JsonValueKind.False };
        if (Get(body, "tools") is not { ValueKind: JsonValueKind.Array } tools || tools.GetArrayLength() == 0)
            return;
        {
            writer.WriteStartArray("tools");
            var i = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (Get(tool, "type")?.GetString() != "function" || Get(tool, "function") is not { ValueKind: JsonValueKind.Object } function)
                    throw Unsupported($"tools[{i}].type", "only function tools are translated for Anthropic models.");
                writer.WriteStartObject();
                writer.WriteString("name", Get(function, "name")?.GetString() ?? throw new GatewayException(GatewayError.MissingField($"tools[{i}].function.name")));
                if (Get(function, "description") is { ValueKind: JsonValueKind.String } description)
                    writer.WriteString("description", description.GetString());
                writer.WritePropertyName("input_schema");
                if (Get(function, "parameters") is { ValueKind: JsonValueKind.Object } parameters)
                    parameters.WriteTo(writer);
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "object");
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                i++;
            }
            writer.WriteEndArray();
        }
        var choice = Get(body, "tool_choice");
        if (choice is null && parallel)
            return;
        writer.WriteStartObject("tool_choice");
        switch (choice)
        {
            case null:
                writer.WriteString("type", "auto");
                break;
            case { ValueKind: JsonValueKind.String } mode:
                writer.WriteString("type", mode.GetString() switch
                {
                    "auto" => "auto",
                    "none" => "none",
                    "required" => "any",
                    _ => throw new GatewayException(GatewayError.InvalidValue("tool_choice", "expected none, auto, required or a function.")),
                });
                break;
            case { ValueKind: JsonValueKind.Object } named when Get(named, "function") is { ValueKind: JsonValueKind.Object } function && Get(function, "name") is { ValueKind: JsonValueKind.String } name:
                writer.WriteString("type", "tool");
                writer.WriteString("name", name.GetString());
                break;
            default:
                throw Unsupported("tool_choice", "only none, auto, required and {\"type\":\"function\",\"function\":{\"name\":…}} are translated for Anthropic models.");
        }
        if (!parallel && choice is not { ValueKind: JsonValueKind.String } || !parallel && choice is { ValueKind: JsonValueKind.String } set && set.GetString() != "none")
            writer.WriteBoolean("disable_parallel_tool_use", true);
        writer.WriteEndObject();
    }

    private static int? PositiveInt(JsonElement body, string field) =>
        Get(body, field) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) && number > 0 ? number : null;

    /// <summary>A field of an object, null when it is absent or null (as OpenAI reads a null field: left out).</summary>
    internal static JsonElement? Get(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A 400 <c>unsupported_parameter</c> naming <paramref name="field"/>: a value Anthropic's API cannot take.</summary>
    internal static GatewayException Unsupported(string field, string detail) =>
        new(new GatewayError(StatusCodes.Status400BadRequest, "unsupported_parameter", $"Unsupported parameter for this model: '{field}': {detail}", field));
}
