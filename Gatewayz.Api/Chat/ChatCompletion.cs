using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A finished, non-streamed answer from an upstream: the text of choice 0, its finish reason and the
/// usage (reported, or estimated from all the output), plus — from an upstream that speaks OpenAI's
/// format — the body as it was sent (<see cref="Payload"/>), which an OpenAI client receives unchanged.
/// </summary>
public sealed record ChatCompletion(string Content, string FinishReason, TokenUsage Usage, string? UpstreamModel = null)
{
    public OpenAiPayload Payload { get; init; }
}
