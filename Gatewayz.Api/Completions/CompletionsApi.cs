using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Completions;

/// <summary>What admission needs of <c>POST /v1/completions</c>: a model that serves <c>completions</c>, the key as a bearer token.</summary>
public sealed class CompletionsApi : IInferenceEndpoint<CompletionRequest>
{
    public static readonly CompletionsApi Instance = new();

    public ModelOperation Operation => ModelOperation.Completions;

    public bool AcceptsXApiKey => false;

    /// <summary>Keys the request's credit debit and its traces; the answer keeps the upstream's own <c>id</c>.</summary>
    public string ResponseIdPrefix => "cmpl-";

    public CompletionRequest Read(JsonElement body, HttpRequest request) => CompletionRequestParser.Parse(body);
}
