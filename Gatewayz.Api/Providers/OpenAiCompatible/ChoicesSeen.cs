namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// What one forward pass saw in the <c>choices</c> of a completion or chunk. The gateway keeps the
/// text of choice 0 (for translation into formats that have a single answer, and for traces), a finish
/// reason, and an estimate of all the output: every choice's text, tool calls, refusal, reasoning and
/// any field it does not know, because usage may have to be estimated from them.
/// </summary>
internal struct ChoicesSeen
{
    /// <summary>The <c>content</c> string of the choice with index 0, if it had one.</summary>
    public string? FirstText;

    /// <summary>The finish reason of choice 0 once it has one, otherwise the first other choice's.</summary>
    public string? FinishReason => FirstFinishReason ?? OtherFinishReason;

    public string? FirstFinishReason;
    public string? OtherFinishReason;

    /// <summary>Whether some choice finished with <c>"error"</c>, whatever choice 0 said.</summary>
    public bool FinishedWithError;

    /// <summary>How many choices the <c>choices</c> array held.</summary>
    public int Count;

    /// <summary>Characters of output over every choice (UTF-8 bytes for fields other than <c>content</c>).</summary>
    public int OutputCharacters;

    /// <summary>Whether anything besides a role and empty text arrived: text, a tool call, a finish reason, logprobs…</summary>
    public bool HasOutput;
}
