using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>Reads text, finish reason and usage out of OpenAI-format completions and stream chunks.</summary>
public static class OpenAiResponseReader
{
    public static ChatCompletion ReadCompletion(ReadOnlySpan<byte> json, int estimatedInputTokens)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var choice = root.GetProperty("choices")[0];
            var content = choice.GetProperty("message").TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()!
                : "";
            var finish = ReadFinishReason(choice) ?? FinishReasons.Stop;
            var usage = ReadUsage(root) ?? new TokenUsage(estimatedInputTokens, TokenEstimator.CountText(content));
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new ChatCompletion(content, finish, usage, model);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
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

    /// <summary>Reads one <c>data:</c> payload of a stream; returns false for payloads that carry nothing.</summary>
    public static bool TryReadChunk(string payload, out ChatChunk chunk)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            string? content = null;
            string? finish = null;
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var text) && text.ValueKind == JsonValueKind.String)
                    content = text.GetString();
                finish = ReadFinishReason(choice);
            }
            var usage = ReadUsage(root);
            chunk = new ChatChunk(content, finish, usage);
            return content is { Length: > 0 } || finish is not null || usage is not null;
        }
        catch (JsonException exception)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream sent a stream chunk that is not JSON.", inner: exception);
        }
    }

    private static string? ReadFinishReason(JsonElement choice) =>
        choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String ? finish.GetString() : null;

    private static TokenUsage? ReadUsage(JsonElement root) =>
        root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("prompt_tokens", out var input) && usage.TryGetProperty("completion_tokens", out var output)
            ? new TokenUsage(input.GetInt32(), output.GetInt32())
            : null;
}
