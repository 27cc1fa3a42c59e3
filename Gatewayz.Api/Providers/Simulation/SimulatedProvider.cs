using System.Runtime.CompilerServices;
using System.Text.Json;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Completions;
using Gatewayz.Api.Embeddings;
using Gatewayz.Api.Images;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A provider that needs no network: realistic time to first token, streaming speed, token counts
/// from the prompt, error rates and outage windows, for demos, load tests and chaos experiments. It
/// speaks OpenAI's protocol as an upstream does — the request's tools, <c>tool_choice</c>, <c>n</c>,
/// <c>stop</c>, <c>logprobs</c> and <c>reasoning_effort</c> are answered (<see cref="SimulatedRequest"/>), the answer is written
/// as OpenAI's bytes (<see cref="SimulatedWire"/>) and read back like a real upstream's, so the gateway
/// relays and observes it on the same paths. It serves embeddings, images and legacy completions too
/// (<see cref="SendAsync"/>), with the same latency, error rates and outages.
/// </summary>
public sealed class SimulatedProvider(string name, ProviderOptions options, GatewayOptions gateway, TimeProvider time) : IChatProvider, IOperationProvider
{
    private const int TokensPerChunk = 3;

    /// <summary>The simulator writes nothing secret: there is nothing to redact.</summary>
    private static readonly UpstreamRedactor Redactor = new(null, null);

    private readonly JsonEncodedText _fingerprint = SimulatedWire.Fingerprint(name);

    public string Name { get; } = name;

    /// <summary>The simulators read and answer OpenAI's chat-completions format, as the upstreams they stand for do.</summary>
    public WireFormat Format => WireFormat.OpenAi;

    public async Task<ChatCompletion> CompleteAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        var (script, header) = ScriptFor(call);
        await DelayAsync(script.TimeToFirstToken, cancellationToken);
        ThrowIfFailing(script.Failure);
        await DelayAsync(script.PerToken * script.LongestOutput, cancellationToken);
        var inputTokens = call.Request.EstimatedInputTokens;
        var body = SimulatedWire.Completion(header, script, new TokenUsage(inputTokens, script.OutputTokens));
        return OpenAiResponseReader.ReadCompletion(body, inputTokens, Name, Redactor);
    }

    /// <summary>
    /// The choices side by side, one event per choice and step: roles, then a step of text or tool-call
    /// fragments per <see cref="TokensPerChunk"/> tokens' time, then each choice's finish reason and the usage.
    /// </summary>
    public async IAsyncEnumerable<ChatChunk> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (script, header) = ScriptFor(call);
        await DelayAsync(script.TimeToFirstToken, cancellationToken);
        ThrowIfFailing(script.Failure);
        var choices = script.Choices;
        var steps = new List<ChoiceStep>[choices.Count];
        var stepCount = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = ChoiceStep.Of(choices[i], TokensPerChunk);
            stepCount = Math.Max(stepCount, steps[i].Count);
        }
        for (var step = 0; step < stepCount; step++)
        {
            // The role and the first output leave together at the first token; each later step takes its tokens' time.
            if (step > 1)
                await DelayAsync(script.PerToken * TokensPerChunk, cancellationToken);
            for (var i = 0; i < choices.Count; i++)
            {
                if (step < steps[i].Count)
                    yield return Read(SimulatedWire.Chunk(header, choices[i], steps[i][step], first: step == 0, script.TopLogProbs));
            }
        }
        for (var i = 0; i < choices.Count; i++)
            yield return Read(SimulatedWire.Finish(header, choices[i]));
        yield return Read(SimulatedWire.Usage(header, new TokenUsage(call.Request.EstimatedInputTokens, script.OutputTokens), script.ReasoningTokens));
    }

    /// <summary>The simulators serve embeddings, images and legacy completions besides chat.</summary>
    public bool Serves(ModelOperation operation) => operation is ModelOperation.Embeddings or ModelOperation.Images or ModelOperation.Completions;

    /// <summary>
    /// After the model's time to first token, failing as its error rates and outages say: unit vectors drawn from the
    /// inputs (<see cref="SimulatedEmbeddings"/>), PNG gradients drawn from the prompt (<see cref="SimulatedImages"/>),
    /// or texts of the simulators' words (<see cref="SimulatedCompletions"/>). Usage is the request's estimate of the
    /// input, as OpenAI counts it.
    /// </summary>
    public async Task<OperationAnswer> SendAsync(OperationCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var profile = SimulationProfile.For(options.Simulation, call.UpstreamModel);
        var random = gateway.SimulationSeed is { } seed
            ? new Random(StableHash.Of(seed, Name, call.UpstreamModel, FirstInput(request)))
            : Random.Shared;
        var now = time.GetUtcNow();
        var (failure, timeToFirstToken) = SimulatedScript.DrawStart(profile, random, now, gateway.SimulationTimeScale);
        await DelayAsync(timeToFirstToken, cancellationToken);
        ThrowIfFailing(failure);
        var body = request switch
        {
            EmbeddingRequest embeddings => SimulatedEmbeddings.Answer(embeddings, call.UpstreamModel, profile.EmbeddingDimensions, Name),
            ImageRequest images => SimulatedImages.Answer(images, now.ToUnixTimeSeconds()),
            CompletionRequest completions => SimulatedCompletions.Answer(completions, call.UpstreamModel, profile, random, now.ToUnixTimeSeconds()),
            _ => throw new NotSupportedException($"{Name} does not serve {request.Operation}."),
        };
        return request.ReadAnswer(body, Name, Redactor);
    }

    /// <summary>What a seeded simulation draws a request's outcome from, as a chat's from its last message.</summary>
    private static string FirstInput(OperationRequest request) => request switch
    {
        EmbeddingRequest embeddings => embeddings.Inputs[0],
        ImageRequest images => images.Prompt,
        CompletionRequest completions => completions.Prompts[0],
        _ => "",
    };

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

    /// <summary>The request is checked first, as an upstream refuses a bad one at once; then the answer is drawn.</summary>
    private (SimulatedScript Script, SimulatedHeader Header) ScriptFor(ProviderCall call)
    {
        var request = SimulatedRequest.Read(call.Request, Name);
        var random = gateway.SimulationSeed is { } seed
            ? new Random(StableHash.Of(seed, Name, call.UpstreamModel, call.Request.Messages[^1].Content))
            : Random.Shared;
        var profile = SimulationProfile.For(options.Simulation, call.UpstreamModel);
        var now = time.GetUtcNow();
        var script = SimulatedScript.Create(profile, request, random, now, gateway.SimulationTimeScale);
        return (script, new SimulatedHeader(SimulatedWire.Encode(script.Id), now.ToUnixTimeSeconds(), SimulatedWire.Encode(call.UpstreamModel), _fingerprint));
    }

    private ChatChunk Read(byte[] payload) => OpenAiResponseReader.ReadChunk(payload, Name, Redactor);

    private void ThrowIfFailing(UpstreamFailureKind? failure)
    {
        switch (failure)
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
