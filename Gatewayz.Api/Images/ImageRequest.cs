using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Api.Images;

/// <summary>
/// OpenAI's create-image request (<c>POST /v1/images/generations</c>), as <see cref="ImageRequestParser"/> reads it.
/// An OpenAI-compatible upstream receives the client's body, every field it sent (<c>quality</c>, <c>style</c>,
/// <c>user</c> and fields the gateway does not know included), with only <c>model</c> rewritten.
/// </summary>
public sealed class ImageRequest : OperationRequest
{
    public override ModelOperation Operation => ModelOperation.Images;

    public override string UpstreamPath => "images/generations";

    /// <summary>OpenAI's <c>prompt</c>: what the pictures should show; never empty.</summary>
    public required string Prompt { get; init; }

    /// <summary>OpenAI's <c>n</c>: how many pictures, 1 to 10 (1 when not given).</summary>
    public int Count { get; init; } = 1;

    /// <summary>OpenAI's <c>size</c>; null when not given or <c>auto</c>, the model's choice.</summary>
    public ImageSize? Size { get; init; }

    /// <summary>OpenAI's <c>response_format</c>.</summary>
    public ImageResponseFormat ResponseFormat { get; init; }

    /// <inheritdoc />
    public override OperationAnswer ReadAnswer(ReadOnlyMemory<byte> json, string provider, UpstreamRedactor redactor) =>
        ImageResponseReader.Read(json, EstimatedInputTokens, provider, redactor);
}
