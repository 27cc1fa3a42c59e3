using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// Function-call arguments made up from the tool's JSON schema, as a model fills them in: an object
/// with every property (the <c>required</c> ones included, even where <c>properties</c> does not describe
/// them); a <c>const</c> or the first <c>enum</c> value where the schema fixes the choice; otherwise a value
/// of the property's type — a word (or a date, e-mail, URI, UUID by <c>format</c>), a number within its
/// bounds, a boolean, an array of one item, a nested object. Local <c>$ref</c>s are followed and the first
/// alternative of <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c> is taken. Every choice comes from
/// <paramref name="random"/>, so a seeded simulator repeats its arguments.
/// </summary>
internal static class SchemaArguments
{
    /// <summary>Deeper than this (a recursive schema), objects and arrays are written empty.</summary>
    private const int MaxDepth = 8;

    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The arguments as the JSON text OpenAI puts in <c>function.arguments</c>.</summary>
    public static string For(JsonElement parameters, Random random) =>
        Writer.Write((parameters, random), static (writer, state) => WriteObject(writer, state.parameters, state.parameters, state.random, 0),
            static json => Encoding.UTF8.GetString(json));

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, JsonElement root, Random random, int depth)
    {
        schema = Resolve(schema, root);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            // true, or no schema: anything goes.
            writer.WriteStringValue(SimulatedWords.Word(random));
            return;
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }
        if (FirstAlternative(schema) is { } alternative)
        {
            WriteValue(writer, alternative, root, random, depth + 1);
            return;
        }
        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, root, random, depth);
                break;
            case "array":
                WriteArray(writer, schema, root, random, depth);
                break;
            case "integer":
                writer.WriteNumberValue(Integer(schema, random));
                break;
            case "number":
                writer.WriteNumberValue(Number(schema, random));
                break;
            case "boolean":
                writer.WriteBooleanValue(random.Next(2) == 0);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Text(schema, random));
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, JsonElement root, Random random, int depth)
    {
        schema = Resolve(schema, root);
        writer.WriteStartObject();
        if (depth < MaxDepth && schema.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var described) && described.ValueKind == JsonValueKind.Object ? described : default;
            if (properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Value, root, random, depth + 1);
                }
            }
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind != JsonValueKind.String
                        || (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name.GetString()!, out _)))
                        continue;
                    writer.WritePropertyName(name.GetString()!);
                    writer.WriteStringValue(SimulatedWords.Word(random));
                }
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonElement schema, JsonElement root, Random random, int depth)
    {
        writer.WriteStartArray();
        if (depth < MaxDepth)
        {
            var count = Math.Clamp(Int(schema, "minItems") ?? 1, 1, 3);
            if (Int(schema, "maxItems") is { } most)
                count = Math.Min(count, Math.Max(0, most));
            var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
            for (var i = 0; i < count; i++)
                WriteValue(writer, items, root, random, depth + 1);
        }
        writer.WriteEndArray();
    }

    private static long Integer(JsonElement schema, Random random)
    {
        var low = Bound(schema, "minimum") is { } minimum ? (long)Math.Ceiling(minimum)
            : Bound(schema, "exclusiveMinimum") is { } above ? (long)Math.Floor(above) + 1 : (long?)null;
        var high = Bound(schema, "maximum") is { } maximum ? (long)Math.Floor(maximum)
            : Bound(schema, "exclusiveMaximum") is { } below ? (long)Math.Ceiling(below) - 1 : (long?)null;
        var (from, to) = Range(low, high, 1, 100);
        return from >= to ? from : random.NextInt64(from, to + 1);
    }

    private static double Number(JsonElement schema, Random random)
    {
        var low = Bound(schema, "minimum") ?? Bound(schema, "exclusiveMinimum") + 0.01;
        var high = Bound(schema, "maximum") ?? Bound(schema, "exclusiveMaximum") - 0.01;
        var (from, to) = Range(low, high, 0, 100);
        return from >= to ? from : Math.Clamp(Math.Round(from + random.NextDouble() * (to - from), 2), from, to);
    }

    /// <summary>The schema's bounds, filling a missing one a default span away from the other.</summary>
    private static (T From, T To) Range<T>(T? low, T? high, T defaultLow, T defaultHigh) where T : struct, INumber<T>
    {
        var span = defaultHigh - defaultLow;
        return (low, high) switch
        {
            ({ } l, { } h) => (l, T.Max(l, h)),
            ({ } l, null) => (l, l + span),
            (null, { } h) => (h - span, h),
            _ => (defaultLow, defaultHigh),
        };
    }

    private static string Text(JsonElement schema, Random random)
    {
        var text = (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String ? format.GetString() : null) switch
        {
            "date" => Epoch.AddDays(random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => Epoch.AddSeconds(random.Next(365 * 86_400)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "time" => Epoch.AddSeconds(random.Next(86_400)).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            "email" => SimulatedWords.Word(random) + "@example.com",
            "uri" or "url" => "https://example.com/" + SimulatedWords.Word(random),
            "uuid" => NewGuid(random).ToString(),
            _ => SimulatedWords.Word(random),
        };
        var minimum = Math.Min(Int(schema, "minLength") ?? 0, 1024);
        while (text.Length < minimum)
            text += "-" + SimulatedWords.Word(random);
        return Int(schema, "maxLength") is { } maximum && text.Length > maximum ? text[..Math.Max(0, maximum)] : text;
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>The schema a local <c>$ref</c> (<c>#/$defs/…</c>, <c>#/definitions/…</c>) points at; the schema itself otherwise.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement root)
    {
        for (var hops = 0; hops < MaxDepth && schema.ValueKind == JsonValueKind.Object
             && schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String; hops++)
        {
            var target = root;
            var path = reference.GetString()!;
            if (!path.StartsWith("#/", StringComparison.Ordinal))
                return default;
            foreach (var segment in path[2..].Split('/'))
            {
                var name = segment.Replace("~1", "/").Replace("~0", "~");
                if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
                    return default;
            }
            schema = target;
        }
        return schema;
    }

    /// <summary>The first alternative of <c>anyOf</c>, <c>oneOf</c> or <c>allOf</c> that is not just <c>null</c>.</summary>
    private static JsonElement? FirstAlternative(JsonElement schema)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (!schema.TryGetProperty(keyword, out var alternatives) || alternatives.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var alternative in alternatives.EnumerateArray())
            {
                if (!(alternative.ValueKind == JsonValueKind.Object && alternative.TryGetProperty("type", out var type) && type.ValueEquals("null")))
                    return alternative;
            }
        }
        return null;
    }

    /// <summary><c>type</c>, the first that is not <c>null</c> of a list of types, or what the keywords imply.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
                return type.GetString()!;
            if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in type.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && !item.ValueEquals("null"))
                        return item.GetString()!;
                }
            }
        }
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _))
            return "object";
        return schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private static double? Bound(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Int(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
