using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A simulated upstream refusing a request it cannot serve, as OpenAI does: a 400 with an
/// <c>invalid_request_error</c> naming the field (<c>param</c>) and why (<c>code</c>), which the
/// client receives as the upstream's own error, without retry or failover.
/// </summary>
internal static class SimulatedRejection
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static UpstreamException Of(string provider, string param, string code, string message)
    {
        var error = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(error, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteString("type", "invalid_request_error");
            writer.WriteString("param", param);
            writer.WriteString("code", code);
            writer.WriteEndObject();
        }
        return new UpstreamException(UpstreamFailureKind.ClientError, $"{provider} answered 400 Bad Request (simulated): {message}", 400,
            rejection: new UpstreamRejection(provider, 400, message, param, code, error.WrittenSpan.ToArray()));
    }

    public static UpstreamException InvalidType(string provider, string param, string expected, JsonElement value) =>
        Of(provider, param, "invalid_type", $"Invalid type for '{param}': expected {expected}, but got {KindOf(value)} instead.");

    public static UpstreamException InvalidValue(string provider, string param, string message) =>
        Of(provider, param, "invalid_value", message);

    public static UpstreamException Missing(string provider, string param) =>
        Of(provider, param, "missing_required_parameter", $"Missing required parameter: '{param}'.");

    public static UpstreamException BelowMinimum(string provider, string param, int minimum, long value) =>
        Of(provider, param, "integer_below_min_value",
            $"Invalid '{param}': integer below minimum value. Expected a value >= {minimum}, but got {value} instead.");

    public static UpstreamException AboveMaximum(string provider, string param, int maximum, long value) =>
        Of(provider, param, "integer_above_max_value",
            $"Invalid '{param}': integer above maximum value. Expected a value <= {maximum}, but got {value} instead.");

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
