using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Reads text, finish reason and usage out of OpenAI-format completions and stream chunks. Both are
/// read forward with <see cref="Utf8JsonReader"/> straight from the upstream's bytes: no document is
/// built and only the strings the gateway keeps are allocated. The same pass notices an answer that
/// reports a failure (<see cref="InBandFailures"/>), which then throws instead of passing for a success.
/// </summary>
public static class OpenAiResponseReader
{
    /// <summary>A non-streamed answer; <paramref name="provider"/> and <paramref name="redactor"/> describe an in-band failure.</summary>
    public static ChatCompletion ReadCompletion(ReadOnlySpan<byte> json, int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            var choice = default(ChoiceText);
            TokenUsage? usage = null;
            string? model = null;
            var failed = false;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals("choices"u8))
                    choice = OpenAiJson.FirstChoice(ref reader, "message"u8, required: true);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader);
                else if (reader.ValueTextEquals("model"u8))
                    model = OpenAiJson.StringOrNull(ref reader);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            ThrowIfFailed(json, failed, choice.FinishReason, provider, redactor);
            if (!choice.Found)
                throw OpenAiJson.Malformed("The completion has no choices.");

            var content = choice.Content ?? "";
            var finish = choice.FinishReason ?? FinishReasons.Stop;
            return new ChatCompletion(content, finish, usage ?? new TokenUsage(estimatedInputTokens, TokenEstimator.CountText(content)), model);
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
    /// Reads one <c>data:</c> payload (UTF-8) of a stream; returns false for payloads that carry nothing.
    /// An event that reports a failure throws the <see cref="UpstreamException"/> that describes it.
    /// </summary>
    public static bool TryReadChunk(ReadOnlySpan<byte> payload, out ChatChunk chunk, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            var choice = default(ChoiceText);
            TokenUsage? usage = null;
            var failed = false;
            OpenAiJson.StartObject(ref reader);
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("error"u8))
                    failed |= OpenAiJson.IsError(ref reader);
                else if (reader.ValueTextEquals("choices"u8))
                    choice = OpenAiJson.FirstChoice(ref reader, "delta"u8, required: false);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = OpenAiJson.Usage(ref reader);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            ThrowIfFailed(payload, failed, choice.FinishReason, provider, redactor);

            chunk = new ChatChunk(choice.Content, choice.FinishReason, usage);
            return choice.Content is { Length: > 0 } || choice.FinishReason is not null || usage is not null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream sent a stream chunk the gateway cannot read.", inner: exception);
        }
    }

    private static void ThrowIfFailed(ReadOnlySpan<byte> json, bool failed, string? finishReason, string provider, UpstreamRedactor redactor)
    {
        if (failed)
            throw InBandFailures.ErrorObject(json, provider, redactor);
        if (finishReason == InBandFailures.ErrorFinishReason)
            throw InBandFailures.FinishedWithError(provider);
    }
}
