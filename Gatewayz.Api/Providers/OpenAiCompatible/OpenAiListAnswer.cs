using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Observes an OpenAI answer built around one top-level array — embeddings' and images' <c>data</c>, legacy
/// completions' <c>choices</c> — forward with <see cref="Utf8JsonReader"/>, straight from the upstream's bytes: the
/// array's items are counted, never read, so they reach the client exactly as the upstream wrote them.
/// </summary>
public static class OpenAiListAnswer
{
    /// <summary>
    /// How many items the array has, the answer's <c>usage</c> (null when it reports none that
    /// <see cref="OpenAiJson.Usage"/> can read), its <c>model</c> and where that value sits (a default range when absent).
    /// </summary>
    /// <param name="listField">The array's field, UTF-8: <c>data</c>, <c>choices</c>.</param>
    /// <param name="outputRequired">Whether a usage without <c>completion_tokens</c> is no usage (embeddings and images have no output tokens).</param>
    /// <param name="answerName">What the answer is, for the failure's message: <c>embeddings</c>, <c>images</c>.</param>
    /// <exception cref="UpstreamException">
    /// The failure an <c>error</c> in the answer reports; <see cref="UpstreamFailureKind.InvalidResponse"/> for a body
    /// that is not a JSON object with the array.
    /// </exception>
    public static (int Items, TokenUsage? Usage, string? Model, Range ModelValue) Read(ReadOnlyMemory<byte> json, ReadOnlySpan<byte> listField,
        bool outputRequired, string answerName, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            TokenUsage? usage = null;
            string? model = null;
            Range modelValue = default;
            var failed = false;
            int? items = null;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals(listField))
                    items = CountItems(ref reader);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader, outputRequired);
                else if (reader.ValueTextEquals("model"u8))
                    model = OpenAiJson.Model(ref reader, out modelValue);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            if (failed)
                throw InBandFailures.ErrorObject(json.Span, provider, redactor);
            return items is { } count
                ? (count, usage, model, modelValue)
                : throw OpenAiJson.Malformed($"The answer has no {System.Text.Encoding.UTF8.GetString(listField)} array.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, $"The upstream returned {answerName} the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>
    /// An answer charged by its tokens (embeddings' <c>data</c>, legacy completions' <c>choices</c>) kept whole for
    /// relaying, with its usage — <c>usage.prompt_tokens</c> and, when <paramref name="outputRequired"/>,
    /// <c>completion_tokens</c>; when one is missing or not a whole number of 0 or more, <paramref name="estimatedInputTokens"/>
    /// and no output — and its <c>model</c>, which the gateway rewrites (adding it where the upstream left it out).
    /// </summary>
    /// <exception cref="UpstreamException">As <see cref="Read"/>.</exception>
    public static OperationAnswer ReadTokenAnswer(ReadOnlyMemory<byte> json, ReadOnlySpan<byte> listField, bool outputRequired, string answerName,
        int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        var (_, usage, model, modelValue) = Read(json, listField, outputRequired, answerName, provider, redactor);
        return new OperationAnswer(
            new UpstreamPayload(json, Id: default, modelValue) { Format = WireFormat.OpenAi },
            usage ?? new TokenUsage(estimatedInputTokens, 0),
            model);
    }

    /// <summary>The number of items of the array the reader is at the name of; null when the value is no array.</summary>
    private static int? CountItems(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count;
    }
}
