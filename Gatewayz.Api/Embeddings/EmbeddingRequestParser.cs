using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Embeddings;

/// <summary>
/// Validates an OpenAI create-embeddings body and reads what the gateway needs from it. <c>input</c> is one of
/// OpenAI's four shapes — a string, an array of strings, an array of token ids, an array of token-id arrays —
/// never empty, with no empty string or array in it; <c>dimensions</c> a positive integer; <c>encoding_format</c>
/// <c>float</c> or <c>base64</c>; <c>user</c> a string. Anything else is a 400 naming the field by its path
/// (<c>input[2]</c>, <c>input[0][5]</c>). Other fields are the upstream's to judge.
/// </summary>
public static class EmbeddingRequestParser
{
    private const string ExpectedInput = "expected a string, an array of strings, an array of token ids or an array of token-id arrays.";

    /// <summary><paramref name="body"/> becomes the request's <see cref="Inference.OperationRequest.Body"/>, so its document must outlive the request.</summary>
    /// <exception cref="GatewayException">A 400 naming the field at fault.</exception>
    public static EmbeddingRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var (inputs, tokenIds, estimate) = ReadInput(JsonFields.Get(body, "input") ?? throw new GatewayException(GatewayError.MissingField("input")));
        _ = JsonFields.OptionalString(body, "user");
        return new EmbeddingRequest
        {
            Model = model,
            Body = body,
            Inputs = inputs,
            InputIsTokenIds = tokenIds,
            EstimatedInputTokens = estimate,
            Dimensions = JsonFields.OptionalPositiveInt(body, "dimensions"),
            Encoding = JsonFields.OptionalString(body, "encoding_format") switch
            {
                null or "float" => EmbeddingEncoding.Float,
                "base64" => EmbeddingEncoding.Base64,
                _ => throw new GatewayException(GatewayError.InvalidValue("encoding_format", "expected 'float' or 'base64'.")),
            },
        };
    }

    /// <summary>The items, whether they are token ids, and the input's size in tokens: text estimated, token ids counted.</summary>
    private static (string[] Inputs, bool TokenIds, int Tokens) ReadInput(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                var text = NonEmptyText(input, "input");
                return ([text], false, TokenEstimator.CountText(text));
            case JsonValueKind.Array when input.GetArrayLength() == 0:
                throw new GatewayException(GatewayError.InvalidValue("input", "expected at least one item."));
            case JsonValueKind.Array:
                // The first item decides the shape; every other item must have it.
                return input[0].ValueKind switch
                {
                    JsonValueKind.String => ReadTexts(input),
                    JsonValueKind.Number => ([JoinIds(input, "input")], true, input.GetArrayLength()),
                    JsonValueKind.Array => ReadTokenArrays(input),
                    _ => throw new GatewayException(GatewayError.InvalidValue("input[0]", ExpectedInput)),
                };
            default:
                throw new GatewayException(GatewayError.InvalidValue("input", ExpectedInput));
        }
    }

    private static (string[], bool, int) ReadTexts(JsonElement input)
    {
        var texts = new string[input.GetArrayLength()];
        var tokens = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var item = input[i];
            if (item.ValueKind != JsonValueKind.String)
                throw new GatewayException(GatewayError.InvalidValue($"input[{i}]", "expected a string, as every item of an array of strings."));
            texts[i] = NonEmptyText(item, $"input[{i}]");
            tokens += TokenEstimator.CountText(texts[i]);
        }
        return (texts, false, tokens);
    }

    private static (string[], bool, int) ReadTokenArrays(JsonElement input)
    {
        var items = new string[input.GetArrayLength()];
        var tokens = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var item = input[i];
            if (item.ValueKind != JsonValueKind.Array)
                throw new GatewayException(GatewayError.InvalidValue($"input[{i}]", "expected an array of token ids, as every item of an array of token-id arrays."));
            items[i] = JoinIds(item, $"input[{i}]");
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
            joined[j] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return string.Join(',', joined);
    }

    private static string NonEmptyText(JsonElement value, string path)
    {
        var text = value.GetString()!;
        return text.Length > 0 ? text : throw new GatewayException(GatewayError.InvalidValue(path, "expected a non-empty string."));
    }
}
