using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Embeddings;

/// <summary>
/// Observes an OpenAI-format embeddings answer (<c>{"object":"list","data":[…],"model":…,"usage":{"prompt_tokens":N,…}}</c>)
/// forward with <see cref="Utf8JsonReader"/>, straight from the upstream's bytes: the vectors are never read, so
/// they reach the client exactly as the upstream wrote them, floats or base64.
/// </summary>
public static class EmbeddingResponseReader
{
    /// <summary>
    /// The answer kept whole, with its usage (<c>usage.prompt_tokens</c>, or <paramref name="estimatedInputTokens"/>
    /// when that is missing or not a whole number of 0 or more) and its <c>model</c>.
    /// </summary>
    /// <exception cref="UpstreamException">
    /// The failure an <c>error</c> in the answer reports; <see cref="UpstreamFailureKind.InvalidResponse"/> for a body
    /// that is not a JSON object with a <c>data</c> array.
    /// </exception>
    public static OperationAnswer Read(ReadOnlyMemory<byte> json, int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            TokenUsage? usage = null;
            string? model = null;
            Range modelValue = default;
            bool failed = false, hasData = false;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    hasData = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader, outputRequired: false);
                else if (reader.ValueTextEquals("model"u8))
                    model = OpenAiJson.Model(ref reader, out modelValue);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            if (failed)
                throw InBandFailures.ErrorObject(json.Span, provider, redactor);
            if (!hasData)
                throw OpenAiJson.Malformed("The answer has no data array.");
            return new OperationAnswer(
                new UpstreamPayload(json, Id: default, modelValue) { Format = WireFormat.OpenAi },
                usage ?? new TokenUsage(estimatedInputTokens, 0),
                model);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream returned embeddings the gateway cannot read.", inner: exception);
        }
    }
}
