using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    public static string Compute(string apiFormat, string user, string model, JsonObject body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(apiFormat);
            writer.WriteStringValue(user);
            writer.WriteStringValue(model);
            writer.WriteStartObject();
            foreach (var (name, value) in body.OrderBy(pair => pair.Key, StringComparer.Ordinal))
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

    private static void WriteNormalized(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteNormalized(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) WriteNormalized(writer, item);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
