using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Providers;

/// <summary>
/// A provider that serves operations besides chat (<see cref="ModelOperation.Embeddings"/>): OpenAI-compatible
/// upstreams and the simulators. Failures surface as <see cref="UpstreamException"/> of the same kinds as chat's.
/// </summary>
public interface IOperationProvider
{
    /// <summary>Whether the provider can be sent requests of <paramref name="operation"/>.</summary>
    bool Serves(ModelOperation operation);

    /// <summary>Sends the request and reads its answer (<see cref="OperationRequest.ReadAnswer"/>).</summary>
    Task<OperationAnswer> SendAsync(OperationCall call, CancellationToken cancellationToken);
}
