using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// An upstream stream whose first chunk with output has arrived (<see cref="IAsyncEnumerator{T}.Current"/>
/// of <see cref="Upstream"/>), after the events that carried nothing (<see cref="HeldBack"/>, to be
/// relayed before it). <see cref="Lifetime"/> cancels it when the client goes away; it is the stream's
/// own token source because the pipeline's token is pooled and reused once the attempt is over.
/// <see cref="Outcome"/> records how the stream ends.
/// </summary>
public sealed record OpenedStream(IAsyncEnumerator<ChatChunk> Upstream, IReadOnlyList<ChatChunk> HeldBack, CancellationTokenSource Lifetime, AttemptOutcome Outcome);
