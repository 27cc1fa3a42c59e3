using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Reads text, finish reason and usage out of OpenAI-format completions and stream chunks. Both are
/// read forward with <see cref="Utf8JsonReader"/> straight from the upstream's bytes: no document is
/// built and only the strings the gateway keeps are allocated. The same pass notices an answer that
/// reports a failure (<see cref="InBandFailures"/>), which then throws instead of passing for a success.
/// </summary>
public static class OpenAiResponseReader
{
    /// <summary>
    /// A non-streamed answer, kept whole for relaying (<see cref="ChatCompletion.Payload"/>);
    /// <paramref name="provider"/> and <paramref name="redactor"/> describe an in-band failure.
    /// </summary>
    public static ChatCompletion ReadCompletion(ReadOnlyMemory<byte> json, int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            var choices = default(ChoicesSeen);
            TokenUsage? usage = null;
            string? model = null;
            Range id = default, modelValue = default;
            var failed = false;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals("choices"u8))
                    OpenAiJson.Choices(ref reader, "message"u8, required: true, ref choices);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader);
                else if (reader.ValueTextEquals("id"u8))
                    id = OpenAiJson.ValueRange(ref reader);
                else if (reader.ValueTextEquals("model"u8))
                    model = OpenAiJson.Model(ref reader, out modelValue);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            ThrowIfFailed(json.Span, failed, choices.FinishedWithError, provider, redactor);
            if (choices.Count == 0)
                throw OpenAiJson.Malformed("The completion has no choices.");

            return new ChatCompletion(
                choices.FirstText ?? "",
                choices.FinishReason ?? FinishReasons.Stop,
                usage ?? new TokenUsage(estimatedInputTokens, TokenEstimator.CountCharacters(choices.OutputCharacters)),
                model)
            {
                Payload = new UpstreamPayload(json, id, modelValue) { Format = WireFormat.OpenAi },
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream returned a completion the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>The ids of an OpenAI-format <c>/models</c> answer (<c>data[].id</c>).</summary>
    public static IReadOnlyCollection<string> ReadModelIds(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.GetProperty("data").EnumerateArray())
            {
                if (entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    ids.Add(id.GetString()!);
            }
            return ids;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream returned a models list the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>
    /// Reads one <c>data:</c> payload (UTF-8 JSON), kept whole for relaying (<see cref="ChatChunk.Payload"/>).
    /// A payload that carries no output yet (a role, empty text) is a chunk marked
    /// <see cref="ChatChunk.CarriesNothing"/>. An event that reports a failure throws the
    /// <see cref="UpstreamException"/> that describes it.
    /// </summary>
    public static ChatChunk ReadChunk(ReadOnlyMemory<byte> payload, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(payload.Span);
            var choices = default(ChoicesSeen);
            TokenUsage? usage = null;
            Range id = default, model = default;
            var failed = false;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals("choices"u8))
                    OpenAiJson.Choices(ref reader, "delta"u8, required: false, ref choices);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader);
                else if (reader.ValueTextEquals("id"u8))
                    id = OpenAiJson.ValueRange(ref reader);
                else if (reader.ValueTextEquals("model"u8))
                    model = OpenAiJson.ValueRange(ref reader);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            ThrowIfFailed(payload.Span, failed, choices.FinishedWithError, provider, redactor);

            return new ChatChunk(choices.FirstText, choices.FirstFinishReason, usage)
            {
                OtherChoiceFinished = choices.OtherFinishReason is not null,
                Payload = new UpstreamPayload(payload, id, model) { Format = WireFormat.OpenAi },
                OutputCharacters = choices.OutputCharacters,
                CarriesNothing = !choices.HasOutput && usage is null,
                UsageOnly = usage is not null && choices.Count == 0,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream sent a stream chunk the gateway cannot read.", inner: exception);
        }
    }

    private static void ThrowIfFailed(ReadOnlySpan<byte> json, bool failed, bool finishedWithError, string provider, UpstreamRedactor redactor)
    {
        if (failed)
            throw InBandFailures.ErrorObject(json, provider, redactor);
        if (finishedWithError)
            throw InBandFailures.FinishedWithError(provider);
    }
}
