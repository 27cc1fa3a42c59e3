using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Resilience;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A request of an operation other than chat (embeddings, and the other OpenAI endpoints served the same way): an
/// OpenAI-format JSON body that an OpenAI-compatible upstream receives as the client sent it, only <c>model</c>
/// rewritten to the route's upstream model (<see cref="BodyFor"/>), and whose answer reaches the client as the
/// upstream sent it (<see cref="ReadAnswer"/>). It is routed like a chat (<see cref="RouteExecutor"/>); a route
/// whose provider does not serve <see cref="Operation"/> (<see cref="IOperationProvider.Serves"/>) is skipped as
/// <see cref="FailoverReasons.Unsupported"/>.
/// </summary>
public abstract class OperationRequest : IRoutedRequest
{
    /// <summary>OpenAI's <c>model</c>, as the client named it.</summary>
    public required string Model { get; init; }

    /// <summary>The client's body as it sent it; its document belongs to the HTTP request (see <see cref="Chat.RequestJson"/>).</summary>
    public required JsonElement Body { get; init; }

    /// <inheritdoc />
    public required int EstimatedInputTokens { get; init; }

    /// <summary>The operation the request asks for: what the model must serve and what a route's provider must serve.</summary>
    public abstract ModelOperation Operation { get; }

    /// <summary>The path of the operation on an OpenAI-compatible upstream, relative to its base URL (<c>embeddings</c>).</summary>
    public abstract string UpstreamPath { get; }

    /// <summary>The body an OpenAI-compatible upstream receives: the client's, <c>model</c> first and set to <paramref name="upstreamModel"/>.</summary>
    public ReadOnlyMemory<byte> BodyFor(string upstreamModel) => UpstreamRequestBody.Readdress(Body, upstreamModel);

    /// <summary>
    /// Observes a 200 answer's body (UTF-8 JSON in OpenAI's format) and keeps it whole for relaying: its usage
    /// (the estimate when it reports none), its <c>model</c>.
    /// </summary>
    /// <exception cref="UpstreamException">
    /// <see cref="UpstreamFailureKind.InvalidResponse"/> for a body that is not the operation's answer; the failure it
    /// reports for an <c>error</c> object in a 200.
    /// </exception>
    public abstract OperationAnswer ReadAnswer(ReadOnlyMemory<byte> json, string provider, UpstreamRedactor redactor);

    /// <summary>A provider that does not serve the operation (an Anthropic upstream asked for embeddings) is skipped.</summary>
    public RouteRefusal? RefusalBy(IChatProvider provider) =>
        provider is IOperationProvider served && served.Serves(Operation)
            ? null
            : new RouteRefusal(GatewayError.OperationUnsupportedByRoute(Model, Operation), FailoverReasons.Unsupported);
}
