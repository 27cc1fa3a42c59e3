using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>
/// The body an Anthropic upstream receives from an Anthropic client: the client's bytes as it sent them,
/// with only the value of the top-level <c>model</c> replaced by the upstream's model id. Every other byte —
/// fields the gateway reads and those it does not (<c>thinking</c>, <c>cache_control</c>, server tools,
/// fields yet to come), escapes, number formats, order — reaches the upstream unchanged.
/// </summary>
public static class AnthropicRequestBody
{
    public static ReadOnlyMemory<byte> Write(JsonElement clientBody, string upstreamModel)
    {
        var json = JsonMarshal.GetRawUtf8Value(clientBody);
        var encoded = JsonEncodedText.Encode(upstreamModel, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var body = new ArrayBufferWriter<byte>(json.Length + encoded.Length + 2);
        var written = 0;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (!isModel)
                continue;
            // Every top-level model, should the client have sent it twice: the upstream may read either.
            body.Write(json[written..start]);
            body.Write("\""u8);
            body.Write(encoded);
            body.Write("\""u8);
            written = (int)reader.BytesConsumed;
        }
        body.Write(json[written..]);
        return body.WrittenMemory;
    }
}
