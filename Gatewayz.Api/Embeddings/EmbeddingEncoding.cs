namespace Gatewayz.Api.Embeddings;

/// <summary>OpenAI's <c>encoding_format</c>: how each <c>data[].embedding</c> is written.</summary>
public enum EmbeddingEncoding
{
    /// <summary><c>float</c> (the default): a JSON array of numbers.</summary>
    Float,

    /// <summary><c>base64</c>: the vector's little-endian float32 values, base64-encoded (what OpenAI's SDKs ask for and decode).</summary>
    Base64,
}
