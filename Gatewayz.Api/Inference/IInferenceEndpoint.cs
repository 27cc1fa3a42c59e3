using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Resilience;

namespace Gatewayz.Api.Inference;

/// <summary>
/// What admission (<see cref="RequestAdmission"/>) needs to know of one inference API: the operation the model
/// must serve, where the key may come from, how its answers are identified, and how its body is read.
/// </summary>
/// <typeparam name="TRequest">The request the API's body becomes.</typeparam>
public interface IInferenceEndpoint<out TRequest> where TRequest : IRoutedRequest
{
    /// <summary>The operation the named model must serve (its catalog <c>Endpoints</c>), else a 400 naming the model.</summary>
    ModelOperation Operation { get; }

    /// <summary>Whether the API key may come in <c>x-api-key</c> (Anthropic's header) besides <c>Authorization: Bearer</c>.</summary>
    bool AcceptsXApiKey { get; }

    /// <summary>How the gateway's response ids start (<c>chatcmpl-</c>, <c>msg_</c>): also the key of the request's credit debit.</summary>
    string ResponseIdPrefix { get; }

    /// <summary>
    /// Validates a request body and reads it, with the headers of <paramref name="request"/> it keeps; a body the
    /// API would refuse throws a 400 <see cref="Errors.GatewayException"/> naming the field.
    /// </summary>
    TRequest Read(JsonElement body, HttpRequest request);
}
