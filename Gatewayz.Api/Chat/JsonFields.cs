using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Typed reads of request fields that fail with a 400 naming the field.</summary>
public static class JsonFields
{
    /// <summary>The field's value, or null when it is absent or JSON <c>null</c>: both mean "not given".</summary>
    public static JsonElement? Get(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string RequiredString(JsonElement body, string field)
    {
        var value = OptionalString(body, field);
        return string.IsNullOrWhiteSpace(value) ? throw new GatewayException(GatewayError.MissingField(field)) : value;
    }

    public static string? OptionalString(JsonElement body, string field) => Get(body, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected a string.")),
    };

    public static bool OptionalBool(JsonElement body, string field) => Get(body, field) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True or JsonValueKind.False } value => value.GetBoolean(),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected true or false.")),
    };

    public static int? OptionalPositiveInt(JsonElement body, string field) => Get(body, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number > 0 => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected a positive integer.")),
    };

    public static double? OptionalNumber(JsonElement body, string field, double min, double max) => Get(body, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.GetDouble() is var number && number >= min && number <= max => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, $"expected a number from {min} to {max}.")),
    };

    public static JsonElement RequiredNonEmptyArray(JsonElement body, string field) => Get(body, field) switch
    {
        null => throw new GatewayException(GatewayError.MissingField(field)),
        { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() > 0 => array,
        { ValueKind: JsonValueKind.Array } => throw new GatewayException(GatewayError.InvalidValue(field, "expected at least one item.")),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected an array.")),
    };

    /// <summary>Content is a string or an array of parts; the text parts are joined.</summary>
    public static string FlattenContent(JsonElement? content, string field) =>
        TryFlattenContent(content, out var text) ? text : throw InvalidContent(field);

    /// <summary>
    /// <see cref="FlattenContent"/> for callers that name the field only when it is invalid, so the
    /// happy path builds no field names.
    /// </summary>
    public static bool TryFlattenContent(JsonElement? content, out string text)
    {
        text = content switch
        {
            null => "",
            { ValueKind: JsonValueKind.String } value => value.GetString()!,
            { ValueKind: JsonValueKind.Array } parts when parts.GetArrayLength() == 1 => TextOf(parts[0]),
            { ValueKind: JsonValueKind.Array } parts => string.Concat(parts.EnumerateArray().Select(TextOf)),
            _ => null!,
        };
        return text is not null;
    }

    public static GatewayException InvalidContent(string field) =>
        new(GatewayError.InvalidValue(field, "expected a string or an array of content parts."));

    private static string TextOf(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && Get(part, "text") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : "";
}
