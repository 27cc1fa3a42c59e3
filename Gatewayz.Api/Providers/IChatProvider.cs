using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers;

/// <summary>An upstream that can answer chat requests. Failures surface as <see cref="UpstreamException"/>.</summary>
public interface IChatProvider
{
    string Name { get; }

    /// <summary>The wire format the upstream reads: a request is sent its <see cref="ChatRequest.BodyFor"/> that format.</summary>
    WireFormat Format { get; }

    Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken);

    IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, CancellationToken cancellationToken);

    /// <summary>A cheap liveness check that never costs tokens (for example listing the upstream's models).</summary>
    Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The model ids the upstream serves right now; empty when it does not say (every model counts as listed).</summary>
    Task<IReadOnlyCollection<string>> ListModelsAsync(CancellationToken cancellationToken);
}
