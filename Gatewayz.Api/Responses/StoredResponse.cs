using System.Buffers;
using System.Text.Json;

namespace Gatewayz.Api.Responses;

/// <summary>
/// A response the gateway keeps (<c>store: true</c>): the user it belongs to, the conversation that led to it (the
/// stored conversation it continued and its own input items, as Responses API items) and the response object as the
/// client received it, whose <c>output</c> items end the conversation. Kept as one JSON document:
/// <c>{"owner","input":[…],"response":{…}}</c>.
/// </summary>
public sealed class StoredResponse
{
    private StoredResponse(string owner, JsonElement input, JsonElement response)
    {
        Owner = owner;
        Input = input;
        Response = response;
    }

    /// <summary>The user of the key that created it (a key without a user is its own): no one else may read it.</summary>
    public string Owner { get; }

    /// <summary>The items before the response's output, oldest first.</summary>
    public JsonElement Input { get; }

    /// <summary>The response object.</summary>
    public JsonElement Response { get; }

    /// <summary>The whole conversation a request with this response as its <c>previous_response_id</c> continues: <see cref="Input"/>, then the output.</summary>
    public IEnumerable<JsonElement> Conversation =>
        Input.EnumerateArray().Concat(Response.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array ? output.EnumerateArray() : []);

    /// <summary>The stored document for a response and the conversation before its output.</summary>
    public static byte[] Serialize(string owner, IEnumerable<JsonElement> input, ReadOnlySpan<byte> response)
    {
        var buffer = new ArrayBufferWriter<byte>(response.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("owner", owner);
            writer.WriteStartArray("input");
            foreach (var item in input)
                item.WriteTo(writer);
            writer.WriteEndArray();
            writer.WritePropertyName("response");
            writer.WriteRawValue(response, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A stored document read back; null when it is not one (written by another version, say).</summary>
    public static StoredResponse? Deserialize(byte[] stored)
    {
        JsonElement root;
        try
        {
            root = JsonElement.Parse(stored);
        }
        catch (JsonException)
        {
            return null;
        }
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String
            && root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Array
            && root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            ? new StoredResponse(owner.GetString()!, input, response)
            : null;
    }
}
