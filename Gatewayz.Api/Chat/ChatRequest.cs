using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A chat request in the gateway's own terms. <see cref="Body"/> keeps the client's OpenAI-format
/// JSON so that an OpenAI-compatible upstream receives every parameter the client sent; its document
/// belongs to the HTTP request (see <see cref="RequestJson"/>).
/// </summary>
public sealed class ChatRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
    public required JsonElement Body { get; init; }
    public bool Stream { get; init; }
    public bool IncludeUsage { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>Prompt size as a tokenizer-free estimate, used when an upstream reports no usage.</summary>
    public int EstimatedInputTokens => TokenEstimator.CountPrompt(Messages);
}
