namespace Gatewayz.Api.Chat;

/// <summary>
/// Approximates token counts without a tokenizer: about four characters per token plus a small
/// per-message overhead, which is what OpenAI documents as a rule of thumb for English text.
/// </summary>
public static class TokenEstimator
{
    private const int CharactersPerToken = 4;
    private const int TokensPerMessage = 4;

    public static int CountText(string text) => CountCharacters(text.Length);

    /// <summary>Tokens in <paramref name="characters"/> characters of text, counted together (a stream's chunks).</summary>
    public static int CountCharacters(int characters) => (characters + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>
    /// What an image counts as, since the gateway does not decode images to learn their size: about what
    /// Anthropic documents for an image at its size limit (1568 px on the long edge, ~1.15 megapixels), to which
    /// it scales larger ones down — so most images count for no more than this.
    /// </summary>
    public const int TokensPerImage = 1600;

    private const int TokensPerTool = 4;

    public static int CountPrompt(IReadOnlyList<ChatMessage> messages)
    {
        var total = 0;
        foreach (var message in messages)
            total += TokensPerMessage + CountCharacters(message.TextLength);
        return total;
    }

    /// <summary>
    /// A whole prompt, as <c>/v1/messages/count_tokens</c> counts it: <see cref="CountPrompt"/> over every
    /// message, <see cref="TokensPerImage"/> for each image (in tool results too), and each tool's name,
    /// description and parameter schema as JSON text.
    /// </summary>
    public static int CountInput(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition>? tools)
    {
        var total = CountPrompt(messages);
        foreach (var message in messages)
            total += TokensPerImage * CountImages(message.Parts);
        foreach (var tool in tools ?? [])
        {
            var characters = tool.Name.Length + (tool.Description?.Length ?? 0) + (tool.Parameters?.GetRawText().Length ?? 0);
            total += TokensPerTool + CountCharacters(characters);
        }
        return total;
    }

    private static int CountImages(IReadOnlyList<ContentPart> parts)
    {
        var images = 0;
        foreach (var part in parts)
        {
            images += part switch
            {
                ImagePart => 1,
                ToolResultPart result => CountImages(result.Content),
                _ => 0,
            };
        }
        return images;
    }
}
