namespace Gatewayz.Tests.RateLimiting;

/// <summary>Windows are whole minutes: a test that must stay inside one waits out the last seconds of a minute first.</summary>
internal static class RateLimitWindowGuard
{
    public static async Task EnsureSecondsLeftAsync(int seconds = 15)
    {
        var now = DateTimeOffset.UtcNow;
        var left = 60 - now.Second - now.Millisecond / 1000.0;
        if (left < seconds) await Task.Delay(TimeSpan.FromSeconds(left + 0.2));
    }
}
