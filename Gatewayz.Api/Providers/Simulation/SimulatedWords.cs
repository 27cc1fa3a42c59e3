namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// The simulators' vocabulary. An answer's tokens are whole words, each but the first with its leading
/// space as real tokenizers split text, so a token count is a word count and chunks join without gaps.
/// </summary>
internal static class SimulatedWords
{
    private static readonly string[] Vocabulary =
    [
        "the", "gateway", "routes", "each", "request", "to", "a", "healthy", "provider", "and", "measures",
        "latency", "tokens", "cost", "so", "that", "operators", "can", "see", "what", "happens", "when",
        "models", "answer", "slowly", "or", "fail", "traffic", "moves", "between", "routes", "while",
        "circuit", "breakers", "protect", "clients", "from", "outages", "streams", "arrive", "in", "small",
        "chunks", "with", "usage", "reported", "at", "the", "end", "of", "every", "response",
    ];

    private static readonly string[] Spaced = [.. Vocabulary.Select(word => " " + word)];

    /// <summary>Each word once: the alternatives offered as <c>top_logprobs</c> must differ from one another.</summary>
    private static readonly string[] Distinct = [.. Vocabulary.Distinct()];

    private static readonly string[] DistinctSpaced = [.. Distinct.Select(word => " " + word)];

    /// <summary>A random word without a space.</summary>
    public static string Word(Random random) => Vocabulary[random.Next(Vocabulary.Length)];

    /// <summary>A random token at <paramref name="position"/> of a text: a word, with a leading space after the first.</summary>
    public static string Token(Random random, int position)
    {
        var index = random.Next(Vocabulary.Length);
        return position == 0 ? Vocabulary[index] : Spaced[index];
    }

    /// <summary>A start for <see cref="Alternative"/>, drawn once per token.</summary>
    public static int AlternativesStart(Random random) => random.Next(Distinct.Length);

    /// <summary>
    /// The <paramref name="rank"/>-th word (from 0) after <paramref name="start"/> that is not
    /// <paramref name="token"/>, spaced like it: distinct for every rank that <c>top_logprobs</c> allows,
    /// as the vocabulary has more than twice as many words.
    /// </summary>
    public static string Alternative(string token, int start, int rank)
    {
        var spaced = token.StartsWith(' ');
        var words = spaced ? DistinctSpaced : Distinct;
        for (var i = 0; ; i++)
        {
            var word = words[(start + i) % words.Length];
            if (word == token)
                continue;
            if (rank-- == 0)
                return word;
        }
    }
}
