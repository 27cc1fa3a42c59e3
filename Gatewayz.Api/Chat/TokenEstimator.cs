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
    /// The most an image counts for, and what one counts for when its size cannot be read (an image given by URL,
    /// or data in a format <see cref="ImageDimensions"/> does not read): about what Anthropic documents for an image
    /// at its size limit (~1.15 megapixels), to which it scales larger ones down. An upper bound, as a rate
    /// limiter's estimate should be.
    /// </summary>
    public const int TokensPerImage = 1600;

    /// <summary>Anthropic's longest image edge in pixels: a longer image is scaled down to it, keeping its aspect ratio.</summary>
    private const int MaxImageEdge = 1568;

    /// <summary>Anthropic's rule of thumb: an image costs about its width times its height over 750 tokens.</summary>
    private const int PixelsPerToken = 750;

    private const int TokensPerTool = 4;

    /// <summary>
    /// A prompt's messages: per message a small overhead, a token per four characters of every part (text, tool
    /// calls and results, thinking) and each image's <see cref="CountImage"/> (in tool results too).
    /// </summary>
    public static int CountPrompt(IReadOnlyList<ChatMessage> messages)
    {
        var total = 0;
        foreach (var message in messages)
            total += TokensPerMessage + CountCharacters(message.TextLength) + CountImages(message.Parts);
        return total;
    }

    /// <summary>
    /// An image by Anthropic's published rule (the vision guide's "calculate image costs"): tokens ≈ width × height
    /// / 750, after an image longer than 1,568 px is scaled down to that, and at most <see cref="TokensPerImage"/>, as
    /// Anthropic scales an image of more than about 1,600 tokens (some 1.15 megapixels) down. The size is read from the header of base64 data
    /// (Anthropic's base64 source, or a <c>data:…;base64,</c> URL) when it is a PNG, GIF, JPEG or WebP; otherwise the
    /// image counts <see cref="TokensPerImage"/>.
    /// </summary>
    public static int CountImage(ImagePart image)
    {
        var data = image.Data is { } inline ? inline.AsSpan() : DataOfUrl(image.Url);
        if (!ImageDimensions.TryRead(data, out var width, out var height))
            return TokensPerImage;
        double w = width, h = height;
        var longEdge = Math.Max(w, h);
        if (longEdge > MaxImageEdge)
            (w, h) = (w * MaxImageEdge / longEdge, h * MaxImageEdge / longEdge);
        return (int)Math.Min(TokensPerImage, Math.Ceiling(w * h / PixelsPerToken));
    }

    /// <summary>The base64 data of a <c>data:</c> URL (RFC 2397); empty for any other URL.</summary>
    private static ReadOnlySpan<char> DataOfUrl(string? url)
    {
        if (url is null || !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return [];
        var comma = url.IndexOf(',');
        return comma > 0 && url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase) ? url.AsSpan(comma + 1) : [];
    }

    /// <summary>
    /// A whole prompt, as <c>/v1/messages/count_tokens</c> counts it: <see cref="CountPrompt"/> over every
    /// message, images included, and each tool's name, description and parameter schema as JSON text.
    /// </summary>
    public static int CountInput(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolDefinition>? tools)
    {
        var total = CountPrompt(messages);
        foreach (var tool in tools ?? [])
        {
            var characters = tool.Name.Length + (tool.Description?.Length ?? 0) + (tool.Parameters?.GetRawText().Length ?? 0);
            total += TokensPerTool + CountCharacters(characters);
        }
        return total;
    }

    /// <summary>The images among <paramref name="parts"/> (and in its tool results), in tokens.</summary>
    private static int CountImages(IReadOnlyList<ContentPart> parts)
    {
        var tokens = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            tokens += parts[i] switch
            {
                ImagePart image => CountImage(image),
                ToolResultPart result => CountImages(result.Content),
                _ => 0,
            };
        }
        return tokens;
    }
}
