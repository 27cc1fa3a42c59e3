using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Inference;

/// <summary>An upstream's answer to an <see cref="OperationRequest"/>, observed and kept whole for relaying.</summary>
/// <param name="Payload">The body exactly as the upstream sent it, with where its <c>model</c> sits (its <c>id</c> is not the gateway's: no range).</param>
/// <param name="Usage">The tokens to charge: the upstream's <c>usage</c>, or the request's estimate when it reports none.</param>
/// <param name="UpstreamModel">The upstream's <c>model</c> (for the span's <c>gen_ai.response.model</c>); null when it did not say.</param>
public sealed record OperationAnswer(UpstreamPayload Payload, TokenUsage Usage, string? UpstreamModel);
