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
        foreach (var property in request.Body.EnumerateObject())
        {
            if (property.NameEquals("model") || property.NameEquals("stream") || property.NameEquals("stream_options"))
                continue;
            property.WriteTo(writer);
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
