namespace Gatewayz.Api.Chat;

/// <summary>A conversation turn with its text flattened (multi-part content joined).</summary>
public sealed record ChatMessage(string Role, string Content);
