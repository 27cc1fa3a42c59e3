namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>What the gateway reads from the first choice of a completion or chunk.</summary>
public readonly record struct ChoiceText(string? Content, string? FinishReason, bool Found);
