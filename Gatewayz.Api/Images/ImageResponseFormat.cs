namespace Gatewayz.Api.Images;

/// <summary>OpenAI's <c>response_format</c> of an image generation: how each <c>data[]</c> item carries its picture.</summary>
public enum ImageResponseFormat
{
    /// <summary><c>url</c> (the default): <c>data[].url</c>, where the picture can be fetched.</summary>
    Url,

    /// <summary><c>b64_json</c>: <c>data[].b64_json</c>, the picture's file (PNG) base64-encoded.</summary>
    Base64Json,
}
