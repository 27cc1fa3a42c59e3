using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Providers;

/// <summary>An <see cref="OperationRequest"/> as one provider should receive it: addressed to the route's upstream model.</summary>
public sealed record OperationCall(OperationRequest Request, string UpstreamModel);
