using System.Buffers;
using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// The client's OpenAI-format body, re-addressed to the upstream's model id. Streaming calls always
/// ask for usage so that tokens and cost are measured even when the client did not ask for them.
/// </summary>
public static class UpstreamRequestBody
{
    public static ReadOnlyMemory<byte> Write(ChatRequest request, string upstreamModel)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("model", upstreamModel);
        foreach (var (name, value) in request.Body)
        {
            if (name is "model" or "stream" or "stream_options")
                continue;
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue(); else value.WriteTo(writer);
        }
        if (request.Stream)
        {
            writer.WriteBoolean("stream", true);
            writer.WriteStartObject("stream_options");
            writer.WriteBoolean("include_usage", true);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }
}
