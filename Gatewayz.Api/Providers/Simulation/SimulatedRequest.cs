using System.Text.Json;
using System.Text.RegularExpressions;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// What the client's OpenAI body asks of the answer: how many choices (<c>n</c>), where text stops
/// (<c>stop</c>, <c>max_tokens</c>), <c>logprobs</c>, how much to reason first (<c>reasoning_effort</c>), and which
/// tools the answer calls — decided here, deterministically, from <c>tools</c>, <c>tool_choice</c>,
/// <c>parallel_tool_calls</c> and the conversation. A value OpenAI would refuse is refused the same way
/// (<see cref="SimulatedRejection"/>).
/// </summary>
public sealed partial class SimulatedRequest
{
    public const int MaxChoices = 128;
    public const int MaxTopLogProbs = 20;

    private static readonly SimulatedRequest Plain = new();

    public int Choices { get; private init; } = 1;

    public int? MaxTokens { get; private init; }

    /// <summary>Sequences the text ends before (<c>stop</c>); empty when none.</summary>
    public IReadOnlyList<string> StopSequences { get; private init; } = [];

    public bool LogProbs { get; private init; }

    /// <summary>Alternatives per token (<c>top_logprobs</c>), 0 to <see cref="MaxTopLogProbs"/>.</summary>
    public int TopLogProbs { get; private init; }

    /// <summary>The tools each choice calls, in order; empty when the answer is text.</summary>
    public IReadOnlyList<SimulatedTool> ToolCalls { get; private init; } = [];

    /// <summary>
    /// How long each choice reasons before it answers, as a multiple of the profile's mean answer length:
    /// <c>reasoning_effort</c> <c>low</c> 0.5, <c>medium</c> 1, <c>high</c> 2, <c>xhigh</c> 4; 0 — no reasoning — when it
    /// is absent, <c>none</c> or <c>minimal</c> (as OpenAI's reasoning models at <c>minimal</c> often write no reasoning).
    /// </summary>
    public double Reasoning { get; private init; }

    /// <summary>Reads <paramref name="request"/>'s body; throws the 400 an upstream would answer to invalid values.</summary>
    public static SimulatedRequest Read(ChatRequest request, string provider)
    {
        JsonElement n = default, stop = default, logprobs = default, topLogprobs = default, tools = default, toolChoice = default, parallel = default, effort = default;
        var any = false;
        if (request.Body.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in request.Body.EnumerateObject())
            {
                var value = property.Value;
                // null means the field was left out, as in OpenAI's API.
                if (value.ValueKind == JsonValueKind.Null) continue;
                if (property.NameEquals("n")) n = value;
                else if (property.NameEquals("stop")) stop = value;
                else if (property.NameEquals("logprobs")) logprobs = value;
                else if (property.NameEquals("top_logprobs")) topLogprobs = value;
                else if (property.NameEquals("tools")) tools = value;
                else if (property.NameEquals("tool_choice")) toolChoice = value;
                else if (property.NameEquals("parallel_tool_calls")) parallel = value;
                else if (property.NameEquals("reasoning_effort")) effort = value;
                else continue;
                any = true;
            }
        }
        if (!any)
            return request.MaxTokens is null ? Plain : new SimulatedRequest { MaxTokens = request.MaxTokens };

        var wantsLogProbs = Boolean(provider, "logprobs", logprobs);
        var top = Integer(provider, "top_logprobs", topLogprobs, 0, MaxTopLogProbs) ?? 0;
        if (topLogprobs.ValueKind != JsonValueKind.Undefined && !wantsLogProbs)
            throw SimulatedRejection.InvalidValue(provider, "top_logprobs",
                "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.");
        var functions = Tools(provider, tools);
        return new SimulatedRequest
        {
            Choices = Integer(provider, "n", n, 1, MaxChoices) ?? 1,
            MaxTokens = request.MaxTokens,
            StopSequences = Stop(provider, stop),
            LogProbs = wantsLogProbs,
            TopLogProbs = top,
            ToolCalls = ToolsToCall(provider, functions, toolChoice, parallelAllowed: Boolean(provider, "parallel_tool_calls", parallel, fallback: true), request.Messages),
            Reasoning = ReasoningOf(provider, effort),
        };
    }

    private static double ReasoningOf(string provider, JsonElement effort)
    {
        if (effort.ValueKind == JsonValueKind.Undefined)
            return 0;
        if (effort.ValueKind != JsonValueKind.String)
            throw SimulatedRejection.InvalidType(provider, "reasoning_effort", "a string", effort);
        return effort.GetString() switch
        {
            "none" or "minimal" => 0,
            "low" => 0.5,
            "medium" => 1,
            "high" => 2,
            "xhigh" => 4,
            var other => throw SimulatedRejection.InvalidValue(provider, "reasoning_effort",
                $"Invalid value for 'reasoning_effort': '{other}'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'."),
        };
    }

    /// <summary>
    /// <c>tool_choice</c> decides: <c>none</c> never calls; a named function is called alone; <c>required</c>
    /// calls the tools the last user message mentions by name (the first tool if it mentions none); <c>auto</c>,
    /// the default, calls the mentioned tools unless tool results already answered that message. Several
    /// mentioned tools are called in parallel, in the order the message names them, unless
    /// <c>parallel_tool_calls</c> is false, when only the first is.
    /// </summary>
    private static IReadOnlyList<SimulatedTool> ToolsToCall(string provider, List<SimulatedTool> tools, JsonElement choice, bool parallelAllowed, IReadOnlyList<ChatMessage> messages)
    {
        var required = false;
        switch (choice.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.String when choice.ValueEquals("none"):
                return [];
            case JsonValueKind.String when choice.ValueEquals("auto"):
                break;
            case JsonValueKind.String when choice.ValueEquals("required"):
                required = true;
                break;
            case JsonValueKind.String:
                throw SimulatedRejection.InvalidValue(provider, "tool_choice",
                    $"Invalid value for 'tool_choice': '{choice.GetString()}'. Supported values are: 'none', 'auto', and 'required'.");
            case JsonValueKind.Object:
                return [Named(provider, tools, choice)];
            default:
                throw SimulatedRejection.InvalidType(provider, "tool_choice", "one of a string or an object", choice);
        }
        if (tools.Count == 0)
        {
            if (required)
                throw OnlyWithTools(provider);
            return [];
        }

        var (prompt, answered) = LastUserMessage(messages);
        if (answered && !required)
            return [];
        var mentioned = Mentioned(tools, prompt);
        if (mentioned.Count == 0)
            return required ? [tools[0]] : [];
        return parallelAllowed ? mentioned : [mentioned[0]];
    }

    private static SimulatedTool Named(string provider, List<SimulatedTool> tools, JsonElement choice)
    {
        if (!choice.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw SimulatedRejection.Missing(provider, "tool_choice.type");
        if (!type.ValueEquals("function"))
            throw SimulatedRejection.InvalidValue(provider, "tool_choice.type", $"Invalid value for 'tool_choice.type': '{type.GetString()}'. Supported values are: 'function'.");
        if (!choice.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            throw SimulatedRejection.Missing(provider, "tool_choice.function.name");
        if (tools.Count == 0)
            throw OnlyWithTools(provider);
        var wanted = name.GetString()!;
        return tools.Find(tool => tool.Name == wanted)
            ?? throw SimulatedRejection.InvalidValue(provider, "tool_choice",
                $"Invalid value for 'tool_choice': function '{wanted}' is not among the request's 'tools'.");
    }

    private static UpstreamException OnlyWithTools(string provider) =>
        SimulatedRejection.InvalidValue(provider, "tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");

    /// <summary>The last user message's text, and whether tool results came after it (the tools have answered).</summary>
    private static (string Prompt, bool Answered) LastUserMessage(IReadOnlyList<ChatMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == "user")
                return (messages[i].Content, i < messages.Count - 1 && messages[^1].Role is "tool" or "function");
        }
        return ("", false);
    }

    /// <summary>The tools whose names <paramref name="prompt"/> contains as a word (any case), in the order it names them.</summary>
    private static List<SimulatedTool> Mentioned(List<SimulatedTool> tools, string prompt)
    {
        var found = new List<(int Position, SimulatedTool Tool)>();
        foreach (var tool in tools)
        {
            if (MentionOf(prompt, tool.Name) is var position and >= 0)
                found.Add((position, tool));
        }
        found.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return found.ConvertAll(static mention => mention.Tool);
    }

    private static int MentionOf(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsNameCharacter(text[at - 1])) && (end == text.Length || !IsNameCharacter(text[end])))
                return at;
        }
        return -1;
    }

    private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private static List<SimulatedTool> Tools(string provider, JsonElement tools)
    {
        if (tools.ValueKind == JsonValueKind.Undefined)
            return [];
        if (tools.ValueKind != JsonValueKind.Array)
            throw SimulatedRejection.InvalidType(provider, "tools", "an array of objects", tools);
        var list = new List<SimulatedTool>(tools.GetArrayLength());
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var at = $"tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object)
                throw SimulatedRejection.InvalidType(provider, at, "an object", tool);
            if (!tool.TryGetProperty("type", out var type))
                throw SimulatedRejection.Missing(provider, $"{at}.type");
            if (type.ValueKind != JsonValueKind.String || !type.ValueEquals("function"))
                throw SimulatedRejection.InvalidValue(provider, $"{at}.type", $"Invalid value for '{at}.type': {type.GetRawText()}. Supported values are: 'function'.");
            if (!tool.TryGetProperty("function", out var function))
                throw SimulatedRejection.Missing(provider, $"{at}.function");
            if (function.ValueKind != JsonValueKind.Object)
                throw SimulatedRejection.InvalidType(provider, $"{at}.function", "an object", function);
            if (!function.TryGetProperty("name", out var name))
                throw SimulatedRejection.Missing(provider, $"{at}.function.name");
            if (name.ValueKind != JsonValueKind.String || !FunctionName().IsMatch(name.GetString()!))
                throw SimulatedRejection.InvalidValue(provider, $"{at}.function.name",
                    $"Invalid '{at}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
            var parameters = function.TryGetProperty("parameters", out var schema) ? schema : default;
            if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
                throw SimulatedRejection.InvalidType(provider, $"{at}.function.parameters", "an object", parameters);
            list.Add(new SimulatedTool(name.GetString()!, parameters));
        }
        return list;
    }

    private static string[] Stop(string provider, JsonElement stop)
    {
        switch (stop.ValueKind)
        {
            case JsonValueKind.Undefined:
                return [];
            case JsonValueKind.String:
                return stop.GetString() is { Length: > 0 } single ? [single] : [];
            case JsonValueKind.Array:
                var sequences = new List<string>(stop.GetArrayLength());
                var i = 0;
                foreach (var item in stop.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        throw SimulatedRejection.InvalidType(provider, $"stop[{i}]", "a string", item);
                    if (item.GetString() is { Length: > 0 } sequence)
                        sequences.Add(sequence);
                    i++;
                }
                return [.. sequences];
            default:
                throw SimulatedRejection.InvalidType(provider, "stop", "one of a string or an array of strings", stop);
        }
    }

    private static bool Boolean(string provider, string param, JsonElement value, bool fallback = false) => value.ValueKind switch
    {
        JsonValueKind.Undefined => fallback,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw SimulatedRejection.InvalidType(provider, param, "a boolean", value),
    };

    private static int? Integer(string provider, string param, JsonElement value, int minimum, int maximum)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            throw SimulatedRejection.InvalidType(provider, param, "an integer", value);
        if (number < minimum)
            throw SimulatedRejection.BelowMinimum(provider, param, minimum, number);
        if (number > maximum)
            throw SimulatedRejection.AboveMaximum(provider, param, maximum, number);
        return (int)number;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
