using Microsoft.AspNetCore.Http.Metadata;

namespace Gatewayz.Api.Accounts.Admin;

/// <summary>
/// Lets a request of any content type reach the admin API's authorization. Minimal APIs declare that a JSON body
/// parameter accepts only JSON, and routing then answers another content type with 415 before authorization runs:
/// a caller without the admin token would learn about the endpoint. The body binder still refuses what is not JSON.
/// </summary>
public sealed class AnyContentType : IAcceptsMetadata
{
    private static readonly AnyContentType Instance = new();

    /// <summary>
    /// Adds the metadata after the endpoints' own (the last <see cref="IAcceptsMetadata"/> is the one routing reads).
    /// </summary>
    public static void ApplyTo(IEndpointConventionBuilder endpoints) => endpoints.Finally(endpoint => endpoint.Metadata.Add(Instance));

    public IReadOnlyList<string> ContentTypes { get; } = ["*/*"];

    public Type? RequestType => null;

    public bool IsOptional => true;
}
