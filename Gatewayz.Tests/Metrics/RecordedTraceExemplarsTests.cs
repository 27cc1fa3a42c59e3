using System.Diagnostics;
using Gatewayz.Api.Metrics;
using Prometheus;

namespace Gatewayz.Tests.Metrics;

public sealed class RecordedTraceExemplarsTests
{
    [Fact]
    public void A_recorded_trace_becomes_the_exemplar_and_a_sampled_out_one_does_not()
    {
        var provider = RecordedTraceExemplars.Behavior.DefaultExemplarProvider!;

        using (var recorded = new Activity("recorded").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            recorded.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            var exemplar = provider(null!, 0.1);
            exemplar.ShouldNotBe(Exemplar.None);
        }

        using (var sampledOut = new Activity("sampled out").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            sampledOut.ActivityTraceFlags = ActivityTraceFlags.None;
            provider(null!, 0.1).ShouldBe(Exemplar.None);
        }

        Activity.Current.ShouldBeNull();
        provider(null!, 0.1).ShouldBe(Exemplar.None);
    }
}
