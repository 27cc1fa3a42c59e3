using System.Text.Json;
using System.Text.Json.Nodes;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Typed reads of request fields that fail with a 400 naming the field.</summary>
public static class JsonFields
{
    public static string RequiredString(JsonObject body, string field)
    {
        var value = OptionalString(body, field);
        return string.IsNullOrWhiteSpace(value) ? throw new GatewayException(GatewayError.MissingField(field)) : value;
    }

    public static string? OptionalString(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected a string.")),
    };

    public static bool OptionalBool(JsonObject body, string field) => body[field] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected true or false.")),
    };

    public static int? OptionalPositiveInt(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) && number > 0 => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected a positive integer.")),
    };

    public static double? OptionalNumber(JsonObject body, string field, double min, double max) => body[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var number && number >= min && number <= max => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, $"expected a number from {min} to {max}.")),
    };

    public static JsonArray RequiredNonEmptyArray(JsonObject body, string field) => body[field] switch
    {
        null => throw new GatewayException(GatewayError.MissingField(field)),
        JsonArray { Count: > 0 } array => array,
        JsonArray => throw new GatewayException(GatewayError.InvalidValue(field, "expected at least one item.")),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected an array.")),
    };

    /// <summary>Content is a string or an array of parts; the text parts are joined.</summary>
    public static string FlattenContent(JsonNode? content, string field) =>
        TryFlattenContent(content, out var text) ? text : throw InvalidContent(field);

    /// <summary>
    /// <see cref="FlattenContent"/> for callers that name the field only when it is invalid, so the
    /// happy path builds no field names.
    /// </summary>
    public static bool TryFlattenContent(JsonNode? content, out string text)
    {
        text = content switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonArray { Count: 1 } single => TextOf(single[0]),
            JsonArray parts => string.Concat(parts.Select(TextOf)),
            _ => null!,
        };
        return text is not null;
    }

    public static GatewayException InvalidContent(string field) =>
        new(GatewayError.InvalidValue(field, "expected a string or an array of content parts."));

    private static string TextOf(JsonNode? part) =>
        part is JsonObject obj && obj["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : "";
}
