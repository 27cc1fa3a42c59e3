namespace Gatewayz.Api.Catalog;

/// <summary>An outage that repeats every <see cref="EveryMinutes"/> minutes (counted from the hour) and lasts <see cref="DurationSeconds"/>.</summary>
public sealed class OutageWindow
{
    public int EveryMinutes { get; set; } = 60;
    public int OffsetMinutes { get; set; }
    public int DurationSeconds { get; set; } = 60;

    public bool Contains(DateTimeOffset now)
    {
        var period = TimeSpan.FromMinutes(Math.Max(1, EveryMinutes));
        var sinceMidnight = now.UtcDateTime.TimeOfDay - TimeSpan.FromMinutes(OffsetMinutes);
        var intoPeriod = TimeSpan.FromTicks(((sinceMidnight.Ticks % period.Ticks) + period.Ticks) % period.Ticks);
        return intoPeriod < TimeSpan.FromSeconds(DurationSeconds);
    }
}
