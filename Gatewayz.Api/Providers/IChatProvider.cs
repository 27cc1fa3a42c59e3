using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers;

/// <summary>An upstream that can answer chat requests. Failures surface as <see cref="UpstreamException"/>.</summary>
public interface IChatProvider
{
    string Name { get; }

    /// <summary>
    /// Whether the upstream can answer <paramref name="request"/>: one that needs the client's own body in
    /// its format (an Anthropic upstream) cannot serve a client of another format; a route that cannot is skipped.
    /// </summary>
    bool CanServe(ChatRequest request);

    Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken);

    IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, CancellationToken cancellationToken);

    /// <summary>A cheap liveness check that never costs tokens (for example listing the upstream's models).</summary>
    Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The model ids the upstream serves right now; empty when it does not say (every model counts as listed).</summary>
    Task<IReadOnlyCollection<string>> ListModelsAsync(CancellationToken cancellationToken);
}
