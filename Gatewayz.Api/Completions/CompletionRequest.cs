using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Api.Completions;

/// <summary>
/// OpenAI's legacy create-completion request (<c>POST /v1/completions</c>), as <see cref="CompletionRequestParser"/>
/// reads it. An OpenAI-compatible upstream receives the client's body, every field it sent (<c>suffix</c>,
/// <c>logprobs</c>, <c>user</c> and fields the gateway does not know included), with only <c>model</c> rewritten.
/// </summary>
public sealed class CompletionRequest : OperationRequest
{
    public override ModelOperation Operation => ModelOperation.Completions;

    public override string UpstreamPath => "completions";

    /// <summary>
    /// The prompts of <c>prompt</c>, each completed on its own: the text of each string, or for token ids the ids
    /// separated by commas (<c>1,2,3</c>).
    /// </summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>OpenAI's <c>max_tokens</c>: the most tokens each completion may have; null for the API's default (16).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>OpenAI's <c>n</c>: completions per prompt, 1 when not given.</summary>
    public int Count { get; init; } = 1;

    /// <summary>OpenAI's <c>echo</c>: whether each completion's text starts with its prompt.</summary>
    public bool Echo { get; init; }

    /// <summary>OpenAI's <c>suffix</c>: text that comes after the completion; null when not given.</summary>
    public string? Suffix { get; init; }

    /// <summary>OpenAI's <c>stop</c>: up to four sequences that end a completion where they would appear.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>
    /// Observes an OpenAI legacy completion (<c>{"id":…,"object":"text_completion","model":…,"choices":[{"text":…,
    /// "index":0,"logprobs":…,"finish_reason":…}],"usage":{…}}</c>): the choices are never read, so texts, logprobs
    /// and fields the gateway does not know reach the client as the upstream wrote them, its <c>id</c> included;
    /// usage is <c>usage.prompt_tokens</c> and <c>completion_tokens</c>, or the estimate of the prompt and no output.
    /// </summary>
    public override OperationAnswer ReadAnswer(ReadOnlyMemory<byte> json, string provider, UpstreamRedactor redactor) =>
        OpenAiListAnswer.ReadTokenAnswer(json, "choices"u8, outputRequired: true, "a completion", EstimatedInputTokens, provider, redactor);
}
