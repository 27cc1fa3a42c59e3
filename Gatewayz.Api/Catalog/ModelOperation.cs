namespace Gatewayz.Api.Catalog;

/// <summary>
/// What a catalog model can be asked to do: one value per API the gateway serves, named in configuration
/// (<c>Gatewayz:Models:ID:Endpoints</c>) by <see cref="ModelOperations.NameOf"/>.
/// </summary>
public enum ModelOperation
{
    /// <summary>A conversation: <c>POST /v1/chat/completions</c> (OpenAI) and <c>POST /v1/messages</c> (Anthropic), <c>count_tokens</c> included.</summary>
    Chat,

    /// <summary>Vectors for texts or token ids: <c>POST /v1/embeddings</c>.</summary>
    Embeddings,

    /// <summary>OpenAI's legacy text completions: <c>POST /v1/completions</c>.</summary>
    Completions,

    /// <summary>Pictures from a prompt: <c>POST /v1/images/generations</c>.</summary>
    Images,

    /// <summary>OpenAI's Responses API: <c>POST /v1/responses</c>.</summary>
    Responses,
}
