namespace Gatewayz.Api.Chat;

/// <summary>A finished, non-streamed answer from an upstream.</summary>
public sealed record ChatCompletion(string Content, string FinishReason, TokenUsage Usage, string? UpstreamModel = null);
