using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>The gateway's finished upstream-attempt spans for one upstream model id (spans of other tests' models are ignored).</summary>
public sealed class AttemptSpans : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public AttemptSpans(string upstreamModel)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Microsoft.Extensions.Hosting.GatewayzTelemetry.GatewaySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Client && Equals(activity.GetTagItem("gen_ai.request.model"), upstreamModel))
                    _stopped.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The one attempt span, once it has ended (a stream's span ends after the response).</summary>
    public async Task<Activity> SingleAsync()
    {
        await Eventually.TrueAsync(() => Task.FromResult(!_stopped.IsEmpty));
        await Task.Delay(100);
        return _stopped.ShouldHaveSingleItem();
    }

    public void Dispose() => _listener.Dispose();
}
