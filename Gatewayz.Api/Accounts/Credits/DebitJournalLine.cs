using System.Buffers;
using System.Text.Json;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// One debit as a line of the journal: a JSON object and a newline,
/// <c>{"request_id":"chatcmpl-…","user_id":"…","amount":0.0012,"reason":"usage:openai/gpt-4o"}</c> (the
/// amount positive, in credits, exact). A line cut short by a crash is not valid JSON and is skipped.
/// </summary>
public static class DebitJournalLine
{
    private const byte NewLine = (byte)'\n';

    /// <summary>The debit's line, newline included.</summary>
    public static byte[] Format(Debit debit)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("request_id"u8, debit.RequestId);
            writer.WriteString("user_id"u8, debit.UserId);
            writer.WriteNumber("amount"u8, debit.Amount);
            writer.WriteString("reason"u8, debit.Reason);
            writer.WriteEndObject();
        }
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = NewLine;
        return line;
    }

    /// <summary>Reads a line without its newline; false for a torn, damaged or foreign line.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out Debit debit)
    {
        debit = null!;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            // Anything after the object means two lines ran together (a torn write followed by another): not one debit.
            if (reader.BytesConsumed != line.TrimEnd(" \r\t"u8).Length
                || root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("request_id"u8, out var requestId) || requestId.GetString() is not { Length: > 0 } id
                || !root.TryGetProperty("user_id"u8, out var userId) || !userId.TryGetGuid(out var user)
                || !root.TryGetProperty("amount"u8, out var amount) || !amount.TryGetDecimal(out var credits)
                || !root.TryGetProperty("reason"u8, out var reason) || reason.GetString() is not { } text)
                return false;
            debit = new Debit(user, credits, text, id);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
