using System.Buffers;
using System.Text.Json;

namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>The JSON form of a <see cref="RecentError"/> in Redis: <c>{model, error, timestamp, latency_ms}</c>.</summary>
internal static class RecentErrorJson
{
    public static byte[] Write(RecentError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", error.Model);
            writer.WriteString("error", error.Error);
            writer.WriteNumber("timestamp", error.Timestamp);
            writer.WriteNumber("latency_ms", error.LatencyMs);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static RecentError? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return new RecentError(
                root.GetProperty("model").GetString() ?? "",
                root.GetProperty("error").GetString() ?? "",
                root.GetProperty("timestamp").GetDouble(),
                root.GetProperty("latency_ms").GetDouble());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // written by something else: skip rather than fail the monitoring API
        }
    }
}
