using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Typed reads of request fields that fail with a 400 naming the field by its path: <c>at</c>, where a read
/// takes it, is the path of the object the field is in (none: the body itself).
/// </summary>
public static class JsonFields
{
    /// <summary>The field's value, or null when it is absent or JSON <c>null</c>: both mean "not given".</summary>
    public static JsonElement? Get(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string RequiredString(JsonElement obj, string field, JsonPath? at = null)
    {
        var value = OptionalString(obj, field, at);
        return string.IsNullOrWhiteSpace(value) ? throw new GatewayException(GatewayError.MissingField(PathOf(field, at))) : value;
    }

    /// <summary>A string that must be given but may be empty or blank (a text block's text).</summary>
    public static string RequiredText(JsonElement obj, string field, JsonPath? at = null) =>
        OptionalString(obj, field, at) ?? throw new GatewayException(GatewayError.MissingField(PathOf(field, at)));

    public static string? OptionalString(JsonElement obj, string field, JsonPath? at = null) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new GatewayException(GatewayError.InvalidValue(PathOf(field, at), "expected a string.")),
    };

    public static bool OptionalBool(JsonElement obj, string field, JsonPath? at = null) => Get(obj, field) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True or JsonValueKind.False } value => value.GetBoolean(),
        _ => throw new GatewayException(GatewayError.InvalidValue(PathOf(field, at), "expected true or false.")),
    };

    public static int? OptionalPositiveInt(JsonElement obj, string field) => OptionalInt(obj, field, min: 1, "a positive integer");

    public static int? OptionalNonNegativeInt(JsonElement obj, string field) => OptionalInt(obj, field, min: 0, "an integer of 0 or more");

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, or null when it is not given.</summary>
    public static int? OptionalInt(JsonElement obj, string field, int min, int max) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= min && number <= max => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, $"expected an integer from {min} to {max}.")),
    };

    public static double? OptionalNumber(JsonElement obj, string field, double min, double max) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.GetDouble() is var number && number >= min && number <= max => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, $"expected a number from {min} to {max}.")),
    };

    public static JsonElement RequiredObject(JsonElement obj, string field, JsonPath? at = null) => Get(obj, field) switch
    {
        null => throw new GatewayException(GatewayError.MissingField(PathOf(field, at))),
        { ValueKind: JsonValueKind.Object } value => value,
        _ => throw new GatewayException(GatewayError.InvalidValue(PathOf(field, at), "expected an object.")),
    };

    /// <summary>The field's object, or null when it is not given.</summary>
    public static JsonElement? OptionalObject(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => value,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected an object.")),
    };

    /// <summary>The field's array, or null when it is not given.</summary>
    public static JsonElement? OptionalArray(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => value,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected an array.")),
    };

    /// <summary>
    /// The field's array of objects, each read by <paramref name="read"/> with its path (<c>tools[2]</c>), or null when
    /// the field is not given; an item that is not an object is a 400 naming it.
    /// </summary>
    public static T[]? OptionalObjects<T>(JsonElement obj, string field, Func<JsonElement, JsonPath, T> read)
    {
        if (OptionalArray(obj, field) is not { } array)
            return null;
        var items = new T[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = JsonPath.Of(field, i);
            items[i++] = read(Object(item, path), path);
        }
        return items;
    }

    public static JsonElement RequiredNonEmptyArray(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => throw new GatewayException(GatewayError.MissingField(field)),
        { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() > 0 => array,
        { ValueKind: JsonValueKind.Array } => throw new GatewayException(GatewayError.InvalidValue(field, "expected at least one item.")),
        _ => throw new GatewayException(GatewayError.InvalidValue(field, "expected an array.")),
    };

    /// <summary>Checks that the value at <paramref name="at"/> is an object.</summary>
    public static JsonElement Object(JsonElement value, JsonPath at) => value.ValueKind == JsonValueKind.Object
        ? value
        : throw new GatewayException(GatewayError.InvalidValue(at.ToString(), "expected an object."));

    /// <summary>
    /// OpenAI's message content, a string or an array of parts, as its text parts joined; false when it is
    /// neither, so that the caller names the field only then and the happy path builds no field names.
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

    private static int? OptionalInt(JsonElement obj, string field, int min, string expected) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= min => number,
        _ => throw new GatewayException(GatewayError.InvalidValue(field, $"expected {expected}.")),
    };

    private static string PathOf(string field, JsonPath? at) => at is null ? field : at.Field(field);

    private static string TextOf(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && Get(part, "text") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : "";
}
