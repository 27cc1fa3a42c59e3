using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Images;

/// <summary>What admission needs of <c>POST /v1/images/generations</c>: a model that serves <c>images</c>, the key as a bearer token.</summary>
public sealed class ImagesApi : IInferenceEndpoint<ImageRequest>
{
    public static readonly ImagesApi Instance = new();

    public ModelOperation Operation => ModelOperation.Images;

    public bool AcceptsXApiKey => false;

    /// <summary>OpenAI's image answer has no id; this one keys the request's credit debit and its traces.</summary>
    public string ResponseIdPrefix => "img-";

    public ImageRequest Read(JsonElement body, HttpRequest request) => ImageRequestParser.Parse(body);
}
