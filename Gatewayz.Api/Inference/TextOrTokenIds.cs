using System.Globalization;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Inference;

/// <summary>
/// OpenAI's four shapes of a prompt or input field (embeddings' <c>input</c>, legacy completions' <c>prompt</c>):
/// a string, an array of strings, an array of token ids, an array of token-id arrays — never empty, with no empty
/// string or array in it. The first item of an array decides its shape; an item of another shape is a 400 naming it
/// by its path (<c>input[2]</c>, <c>prompt[0][5]</c>).
/// </summary>
public static class TextOrTokenIds
{
    /// <summary>
    /// The items (each text, or for token ids the ids separated by commas, <c>1,2,3</c>), whether they are token ids,
    /// and their size in tokens: text estimated (<see cref="TokenEstimator"/>), token ids counted.
    /// </summary>
    /// <param name="field">The field's name, the root of the paths errors name.</param>
    /// <exception cref="GatewayException">A 400 naming the value at fault.</exception>
    public static (string[] Items, bool TokenIds, int Tokens) Read(JsonElement value, string field)
    {
        var expected = "expected a string, an array of strings, an array of token ids or an array of token-id arrays.";
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = NonEmptyText(value, field);
                return ([text], false, TokenEstimator.CountText(text));
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                throw new GatewayException(GatewayError.InvalidValue(field, "expected at least one item."));
            case JsonValueKind.Array:
                return value[0].ValueKind switch
                {
                    JsonValueKind.String => ReadTexts(value, field),
                    JsonValueKind.Number => ([JoinIds(value, field)], true, value.GetArrayLength()),
                    JsonValueKind.Array => ReadTokenArrays(value, field),
                    _ => throw new GatewayException(GatewayError.InvalidValue($"{field}[0]", expected)),
                };
            default:
                throw new GatewayException(GatewayError.InvalidValue(field, expected));
        }
    }

    private static (string[], bool, int) ReadTexts(JsonElement value, string field)
    {
        var texts = new string[value.GetArrayLength()];
        var tokens = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var item = value[i];
            if (item.ValueKind != JsonValueKind.String)
                throw new GatewayException(GatewayError.InvalidValue($"{field}[{i}]", "expected a string, as every item of an array of strings."));
            texts[i] = NonEmptyText(item, $"{field}[{i}]");
            tokens += TokenEstimator.CountText(texts[i]);
        }
        return (texts, false, tokens);
    }

    private static (string[], bool, int) ReadTokenArrays(JsonElement value, string field)
    {
        var items = new string[value.GetArrayLength()];
        var tokens = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var item = value[i];
            if (item.ValueKind != JsonValueKind.Array)
                throw new GatewayException(GatewayError.InvalidValue($"{field}[{i}]", "expected an array of token ids, as every item of an array of token-id arrays."));
            items[i] = JoinIds(item, $"{field}[{i}]");
            tokens += item.GetArrayLength();
        }
        return (items, true, tokens);
    }

    /// <summary>A non-empty array of token ids (integers of 0 or more) as its ids separated by commas.</summary>
    private static string JoinIds(JsonElement ids, string path)
    {
        if (ids.GetArrayLength() == 0)
            throw new GatewayException(GatewayError.InvalidValue(path, "expected at least one token id."));
        var joined = new string[ids.GetArrayLength()];
        for (var j = 0; j < joined.Length; j++)
        {
            if (ids[j].ValueKind != JsonValueKind.Number || !ids[j].TryGetInt32(out var id) || id < 0)
                throw new GatewayException(GatewayError.InvalidValue($"{path}[{j}]", "expected a token id (an integer of 0 or more)."));
            joined[j] = id.ToString(CultureInfo.InvariantCulture);
        }
        return string.Join(',', joined);
    }

    private static string NonEmptyText(JsonElement value, string path)
    {
        var text = value.GetString()!;
        return text.Length > 0 ? text : throw new GatewayException(GatewayError.InvalidValue(path, "expected a non-empty string."));
    }
}
