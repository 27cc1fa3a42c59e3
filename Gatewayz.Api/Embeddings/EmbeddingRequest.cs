using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Api.Embeddings;

/// <summary>
/// OpenAI's create-embeddings request (<c>POST /v1/embeddings</c>), as <see cref="EmbeddingRequestParser"/> reads
/// it. An OpenAI-compatible upstream receives the client's body, every field it sent (<c>user</c> and fields the
/// gateway does not know included), with only <c>model</c> rewritten.
/// </summary>
public sealed class EmbeddingRequest : OperationRequest
{
    public override ModelOperation Operation => ModelOperation.Embeddings;

    public override string UpstreamPath => "embeddings";

    /// <summary>
    /// The items of <c>input</c>, one vector each: the text of each string, or for token ids the ids separated by
    /// commas (<c>1,2,3</c>), see <see cref="InputIsTokenIds"/>.
    /// </summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Whether <c>input</c> was token ids (an array of integers, or an array of such arrays) rather than text.</summary>
    public bool InputIsTokenIds { get; init; }

    /// <summary>OpenAI's <c>dimensions</c>: how many numbers each vector should have; null for the model's own size.</summary>
    public int? Dimensions { get; init; }

    /// <summary>OpenAI's <c>encoding_format</c>.</summary>
    public EmbeddingEncoding Encoding { get; init; }

    /// <summary>
    /// Observes an OpenAI embeddings answer (<c>{"object":"list","data":[…],"model":…,"usage":{"prompt_tokens":N,…}}</c>):
    /// the vectors are never read, so they reach the client as the upstream wrote them, floats or base64; usage is
    /// <c>usage.prompt_tokens</c>, or the estimate.
    /// </summary>
    public override OperationAnswer ReadAnswer(ReadOnlyMemory<byte> json, string provider, UpstreamRedactor redactor) =>
        OpenAiListAnswer.ReadTokenAnswer(json, "data"u8, outputRequired: false, "embeddings", EstimatedInputTokens, provider, redactor);
}
