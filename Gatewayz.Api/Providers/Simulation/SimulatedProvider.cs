using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A provider that needs no network: realistic time to first token, streaming speed, token counts
/// from the prompt, error rates and outage windows, for demos, load tests and chaos experiments.
/// </summary>
public sealed class SimulatedProvider(string name, ProviderOptions options, GatewayOptions gateway, TimeProvider time) : IChatProvider
{
    private const int WordsPerChunk = 3;

    public string Name { get; } = name;

    public async Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        var script = ScriptFor(call);
        await DelayAsync(script.TimeToFirstToken, cancellationToken);
        ThrowIfFailing(script);
        await DelayAsync(script.PerToken * script.Words.Count, cancellationToken);
        return new ChatCompletion(
            script.Text(0, script.Words.Count),
            script.FinishReason,
            new TokenUsage(call.Request.EstimatedInputTokens, script.Words.Count),
            call.UpstreamModel);
    }

    public async IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var script = ScriptFor(call);
        await DelayAsync(script.TimeToFirstToken, cancellationToken);
        ThrowIfFailing(script);
        for (var i = 0; i < script.Words.Count; i += WordsPerChunk)
        {
            if (i > 0)
                await DelayAsync(script.PerToken * WordsPerChunk, cancellationToken);
            yield return ChatChunk.Text(script.Text(i, WordsPerChunk));
        }
        yield return new ChatChunk(null, script.FinishReason, new TokenUsage(call.Request.EstimatedInputTokens, script.Words.Count));
    }

    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (options.Simulation.Outages.Any(window => window.Contains(time.GetUtcNow())))
            throw new UpstreamException(UpstreamFailureKind.Connection, $"{Name} is in a simulated outage.");
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyCollection<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await ProbeAsync(cancellationToken);
        return [];
    }

    private SimulatedScript ScriptFor(ProviderCall call)
    {
        var random = gateway.SimulationSeed is { } seed
            ? new Random(StableHash.Of(seed, Name, call.UpstreamModel, call.Request.Messages[^1].Content))
            : Random.Shared;
        var profile = SimulationProfile.For(options.Simulation, call.UpstreamModel);
        return SimulatedScript.Create(profile, random, time.GetUtcNow(), call.Request.MaxTokens, gateway.SimulationTimeScale);
    }

    private void ThrowIfFailing(SimulatedScript script)
    {
        switch (script.Failure)
        {
            case UpstreamFailureKind.Connection:
                throw new UpstreamException(UpstreamFailureKind.Connection, $"{Name} is unreachable (simulated outage).");
            case UpstreamFailureKind.ServerError:
                throw new UpstreamException(UpstreamFailureKind.ServerError, $"{Name} returned 503 (simulated).", 503);
            case UpstreamFailureKind.RateLimited:
                throw new UpstreamException(UpstreamFailureKind.RateLimited, $"{Name} returned 429 (simulated).", 429, TimeSpan.FromSeconds(1));
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
}
