using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// The client's OpenAI-format body, re-addressed to the upstream's model id. Streaming calls always
/// ask for usage (<c>stream_options.include_usage</c>) so that tokens and cost are measured even when
/// the client did not ask for them; the client's other stream options are kept.
/// </summary>
public static class UpstreamRequestBody
{
    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions());

    public static ReadOnlyMemory<byte> Write(ChatRequest request, string upstreamModel) =>
        Writer.Write((request, upstreamModel), static (writer, state) => WriteBody(writer, state.request, state.upstreamModel));

    /// <summary>
    /// Any OpenAI-format body with <c>model</c> first and set to <paramref name="upstreamModel"/>, every other field
    /// as the client sent it (the endpoints besides chat, which have no stream options to add).
    /// </summary>
    public static ReadOnlyMemory<byte> Readdress(JsonElement body, string upstreamModel) =>
        Writer.Write((body, upstreamModel), static (writer, state) =>
        {
            writer.WriteStartObject();
            WriteReaddressed(writer, state.body, state.upstreamModel, keepStream: true);
            writer.WriteEndObject();
        });

    private static void WriteReaddressed(Utf8JsonWriter writer, JsonElement body, string upstreamModel, bool keepStream)
    {
        writer.WriteString("model", upstreamModel);
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("model") || !keepStream && (property.NameEquals("stream") || property.NameEquals("stream_options")))
                continue;
            property.WriteTo(writer);
        }
    }

    private static void WriteBody(Utf8JsonWriter writer, ChatRequest request, string upstreamModel)
    {
        writer.WriteStartObject();
        WriteReaddressed(writer, request.Body, upstreamModel, keepStream: false);
        if (request.Stream)
        {
            writer.WriteBoolean("stream", true);
            // The client's other stream options (include_obfuscation, and whatever comes next) go along.
            writer.WriteStartObject("stream_options");
            writer.WriteBoolean("include_usage", true);
            if (request.Body.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object)
            {
                foreach (var option in options.EnumerateObject())
                {
                    if (!option.NameEquals("include_usage"))
                        option.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
