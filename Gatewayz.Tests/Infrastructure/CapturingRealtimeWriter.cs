using System.Collections.Concurrent;
using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Keeps every outcome the gateway hands to the real-time store, for a test to inspect.</summary>
public sealed class CapturingRealtimeWriter(ConcurrentQueue<RequestOutcome> outcomes) : IRealtimeMetricsWriter
{
    public void Record(in RequestOutcome outcome) => outcomes.Enqueue(outcome);
}
