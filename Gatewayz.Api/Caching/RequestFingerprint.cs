using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Gatewayz.Api.Caching;

/// <summary>
/// The response cache key: SHA-256 of the API format, the caller's user, the canonical model and the
/// request body with object properties in sorted order (so that key order does not matter) and
/// without the fields that do not change the answer (<c>model</c> as the client spelled it, <c>stream</c>,
/// <c>stream_options</c>).
/// </summary>
public static class RequestFingerprint
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "model", "stream", "stream_options" };

    public static string Compute(string apiFormat, string user, string model, JsonElement body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(apiFormat);
            writer.WriteStringValue(user);
            writer.WriteStringValue(model);
            writer.WriteStartObject();
            foreach (var (name, value) in Sorted(body))
            {
                if (Ignored.Contains(name)) continue;
                writer.WritePropertyName(name);
                WriteNormalized(writer, value);
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteNormalized(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var (name, value) in Sorted(element))
                {
                    writer.WritePropertyName(name);
                    WriteNormalized(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteNormalized(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static IEnumerable<(string Name, JsonElement Value)> Sorted(JsonElement obj) =>
        obj.EnumerateObject().Select(property => (property.Name, property.Value)).OrderBy(property => property.Name, StringComparer.Ordinal);
}
