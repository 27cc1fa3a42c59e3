using Gatewayz.Api.Chat;
using Gatewayz.Api.Telemetry;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// An upstream stream whose first chunk has arrived. <see cref="Lifetime"/> cancels it when the client
/// goes away; it is the stream's own token source because the pipeline's token is pooled and reused
/// once the attempt is over.
/// </summary>
public sealed record OpenedStream(IAsyncEnumerator<ChatChunk> Upstream, CancellationTokenSource Lifetime, long StartedAt, TimeSpan TimeToFirstChunk, GenAiAttempt Telemetry);
