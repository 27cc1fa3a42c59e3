namespace Gatewayz.Api.RateLimiting;

/// <summary>Fixed one-minute windows, aligned to the minute so that every replica agrees on them.</summary>
public static class RateLimitWindow
{
    public const int Seconds = 60;

    public static long StartOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / Seconds * Seconds;

    public static TimeSpan UntilEnd(long windowStart, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Max(1, windowStart + Seconds - now.ToUnixTimeSeconds()));
}
