using System.Globalization;

namespace Gatewayz.RealtimeMetrics;

/// <summary>Hours as the store names them: UTC, truncated, written <c>yyyyMMddHH</c>.</summary>
public static class RealtimeHours
{
    public const string Format = "yyyyMMddHH";

    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static string Name(DateTimeOffset at) => Truncate(at).ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string name) =>
        DateTimeOffset.ParseExact(name, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
