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

    public static int CountPrompt(IReadOnlyList<ChatMessage> messages)
    {
        var total = 0;
        foreach (var message in messages)
            total += TokensPerMessage + CountCharacters(message.TextLength);
        return total;
    }
}
