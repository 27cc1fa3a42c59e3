using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A finished, non-streamed answer from an upstream: the text of choice 0, its finish reason and the
/// usage (reported, or estimated from all the output), plus — from an HTTP upstream — the body as it was
/// sent, tagged with its format (<see cref="Payload"/>), which a client of the same format receives unchanged.
/// </summary>
public sealed record ChatCompletion(string Content, string FinishReason, TokenUsage Usage, string? UpstreamModel = null)
{
    public UpstreamPayload Payload { get; init; }
}
