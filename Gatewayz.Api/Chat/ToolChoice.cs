namespace Gatewayz.Api.Chat;

/// <summary>
/// How the model should use the request's tools: <see cref="Mode"/>, the function it must call when the
/// mode is <see cref="ToolChoiceMode.Function"/>, and whether it may call several at once (OpenAI's
/// <c>parallel_tool_calls</c>, Anthropic's <c>disable_parallel_tool_use</c> negated).
/// </summary>
public sealed record ToolChoice(ToolChoiceMode Mode, string? FunctionName = null, bool ParallelToolCalls = true);
