using Gatewayz.Api.Auth;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Tests.RateLimiting;

/// <summary>
/// Amounts on their way to Redis still count against the local headroom: a request that arrives during the
/// flush's round trip (its amount no longer unsynced, its new total not yet known) must not be admitted locally.
/// Deterministic: the flush is driven by hand instead of by the 100 ms timer.
/// </summary>
public sealed class HeadroomInFlightTests
{
    private const long Window = 1_800_000_000;
    private static readonly RateLimitRequest Request = new(
        new ClientIdentity("key-1", "user-1", "test", []), new RateLimitPolicy(4, 1_000_000, 1_000, 1_000_000), Window, Tokens: 1);

    [Fact]
    public void A_flush_in_flight_still_counts_until_redis_answers()
    {
        var headroom = Known(total: 1);
        headroom.TryAdmit(Request).ShouldBeTrue("1 known + 1 = 2, half of the limit of 4");

        var flush = headroom.TakeUnsynced(Window);

        headroom.TryAdmit(Request).ShouldBeFalse("1 known + 1 in flight + 1 = 3 is past the local headroom of 2");
        foreach (var increment in flush)
            headroom.Written(increment, total: 2);
        headroom.TryAdmit(Request).ShouldBeFalse("2 known + 1 = 3 is still past it");
    }

    [Fact]
    public void An_exact_check_in_flight_still_counts_and_a_refusal_sends_every_later_request_to_redis()
    {
        var headroom = Known(total: 1);
        headroom.TryAdmit(Request).ShouldBeTrue();

        var sent = headroom.TakeUnsynced(Request);

        headroom.TryAdmit(Request).ShouldBeFalse("the amount sent with the exact check is in flight");
        headroom.Forget(Request, sent, LimitType.KeyRequests);
        headroom.TryAdmit(Request).ShouldBeFalse("after a refusal the budget is known to be full: ask Redis");
        headroom.Learn(Request, [1, 1, 1, 1], [0, 0, 0, 0]);
        headroom.TryAdmit(Request).ShouldBeFalse("an older answer's smaller total arriving late does not make room");
    }

    [Fact]
    public void A_failed_flush_puts_its_amounts_back_as_unsynced_without_counting_them_twice()
    {
        var headroom = Known(total: 0);
        headroom.TryAdmit(Request).ShouldBeTrue();
        headroom.TryAdmit(Request).ShouldBeTrue();

        foreach (var increment in headroom.TakeUnsynced(Window))
            headroom.Unwritten(increment);

        headroom.TryAdmit(Request).ShouldBeFalse("0 known + 2 unsynced + 1 = 3");
        headroom.TakeUnsynced(Request).ShouldBe([2, 2, 2, 2]);
    }

    private static RateLimitHeadroom Known(long total)
    {
        var headroom = new RateLimitHeadroom(0.5);
        headroom.Learn(Request, [total, total, total, total], written: [0, 0, 0, 0]);
        return headroom;
    }
}
