using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// The client's OpenAI-format body, re-addressed to the upstream's model id. Streaming calls always
/// ask for usage so that tokens and cost are measured even when the client did not ask for them.
/// </summary>
public static class UpstreamRequestBody
{
    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions());

    public static ReadOnlyMemory<byte> Write(ChatRequest request, string upstreamModel) =>
        Writer.Write((request, upstreamModel), static (writer, state) => WriteBody(writer, state.request, state.upstreamModel));

    private static void WriteBody(Utf8JsonWriter writer, ChatRequest request, string upstreamModel)
    {
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
    }
}
