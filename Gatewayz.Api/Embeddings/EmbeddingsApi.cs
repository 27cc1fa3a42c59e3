using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Embeddings;

/// <summary>What admission needs of <c>POST /v1/embeddings</c>: a model that serves <c>embeddings</c>, the key as a bearer token.</summary>
public sealed class EmbeddingsApi : IInferenceEndpoint<EmbeddingRequest>
{
    public static readonly EmbeddingsApi Instance = new();

    public ModelOperation Operation => ModelOperation.Embeddings;

    public bool AcceptsXApiKey => false;

    /// <summary>OpenAI's embeddings answer has no id; this one keys the request's credit debit and its traces.</summary>
    public string ResponseIdPrefix => "emb-";

    public EmbeddingRequest Read(JsonElement body, HttpRequest request) => EmbeddingRequestParser.Parse(body);
}
