using System.Text.Json;

namespace Gatewayz.Api.Responses;

/// <summary>
/// What a Responses API request says beyond the conversation: the settings its response object echoes (OpenAI
/// returns them with every response) and what the gateway does with the response. The JSON values are the client's
/// own, from the request's document, echoed as sent.
/// </summary>
public sealed record ResponsesSettings
{
    /// <summary><c>instructions</c>: the system message put first (not carried over by <c>previous_response_id</c>, as OpenAI has it).</summary>
    public string? Instructions { get; init; }

    /// <summary><c>tools</c>, function tools only.</summary>
    public JsonElement? Tools { get; init; }

    /// <summary><c>tool_choice</c>: <c>auto</c> when not given.</summary>
    public JsonElement? ToolChoice { get; init; }

    /// <summary><c>text</c>, with its <c>format</c>: <c>{"format":{"type":"text"}}</c> when not given.</summary>
    public JsonElement? Text { get; init; }

    /// <summary><c>reasoning</c>: <c>effort</c> and <c>summary</c>.</summary>
    public JsonElement? Reasoning { get; init; }

    /// <summary><c>metadata</c>: up to 16 string values the client tags the response with; kept with it, not sent upstream.</summary>
    public JsonElement? Metadata { get; init; }

    public int? MaxOutputTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    /// <summary><c>parallel_tool_calls</c>: true when not given.</summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary><c>previous_response_id</c>: the stored response whose conversation this request continues.</summary>
    public string? PreviousResponseId { get; init; }

    /// <summary><c>store</c>: whether the gateway keeps the response (true when not given, as OpenAI's default is).</summary>
    public bool Store { get; init; } = true;

    /// <summary><c>user</c>, the client's end user.</summary>
    public string? User { get; init; }

    /// <summary><c>safety_identifier</c>, OpenAI's newer name for the end user.</summary>
    public string? SafetyIdentifier { get; init; }

    /// <summary><c>prompt_cache_key</c>, a hint for OpenAI's prompt cache; echoed, not sent (it changes no answer).</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary>
    /// The request's own input items (<c>input</c> as a list, or its string as one user message): with the stored
    /// conversation before them and the output after them, what a later <c>previous_response_id</c> continues from.
    /// </summary>
    public required JsonElement Input { get; init; }
}
