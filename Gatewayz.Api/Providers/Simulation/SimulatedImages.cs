using System.Buffers;
using System.Text.Json;
using Gatewayz.Api.Images;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A simulated image model's answer, in OpenAI's shape: <c>n</c> real PNG files made by the gateway — diagonal
/// gradients between two colours drawn from a stable hash of the prompt and the picture's index, so the same prompt
/// gets the same pictures on every provider, replica and run. Each is the requested <c>size</c> (1024x1024 for
/// <c>auto</c> or none) scaled down, keeping its shape, until no side is longer than <see cref="MaximumSide"/> pixels:
/// a simulator's pictures stay small. The gateway hosts no images, so <c>response_format: url</c> gets each picture
/// as a <c>data:image/png;base64,…</c> URL, which clients can open as they would a hosted one.
/// </summary>
public static class SimulatedImages
{
    /// <summary>The longest side of a simulated picture, in pixels.</summary>
    public const int MaximumSide = 256;

    /// <summary>What <c>auto</c> or no <c>size</c> stands for, as OpenAI's models default to.</summary>
    private static readonly ImageSize DefaultSize = new(1024, 1024);

    /// <summary>
    /// <c>{"created":…,"data":[{"b64_json":…}|{"url":"data:image/png;base64,…"}]}</c>: one item per picture asked for.
    /// </summary>
    /// <param name="created">The answer's <c>created</c>, Unix seconds.</param>
    public static byte[] Answer(ImageRequest request, long created)
    {
        var (width, height) = ScaledSize(request.Size ?? DefaultSize);
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteNumber("created", created);
            writer.WriteStartArray("data");
            for (var i = 0; i < request.Count; i++)
            {
                var png = Picture(request.Prompt, i, width, height);
                writer.WriteStartObject();
                if (request.ResponseFormat == ImageResponseFormat.Base64Json)
                    writer.WriteBase64String("b64_json", png);
                else
                    writer.WriteString("url", "data:image/png;base64," + Convert.ToBase64String(png));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return body.WrittenSpan.ToArray();
    }

    /// <summary>The size a simulated picture of <paramref name="requested"/> has: scaled down to fit <see cref="MaximumSide"/>, never up.</summary>
    public static (int Width, int Height) ScaledSize(ImageSize requested)
    {
        var scale = Math.Min(1.0, (double)MaximumSide / Math.Max(requested.Width, requested.Height));
        return (Math.Max(1, (int)Math.Round(requested.Width * scale)), Math.Max(1, (int)Math.Round(requested.Height * scale)));
    }

    /// <summary>The <paramref name="index"/>-th picture of <paramref name="prompt"/>: a gradient from its top-left colour to its bottom-right one.</summary>
    public static byte[] Picture(string prompt, int index, int width, int height)
    {
        var random = new Random(StableHash.Of(index, prompt));
        Span<byte> colours = stackalloc byte[6];
        random.NextBytes(colours);
        var rgb = new byte[width * height * 3];
        var steps = Math.Max(1, width + height - 2);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = (y * width + x) * 3;
                var t = (double)(x + y) / steps;
                for (var channel = 0; channel < 3; channel++)
                    rgb[at + channel] = (byte)Math.Round(colours[channel] + (colours[channel + 3] - colours[channel]) * t);
            }
        }
        return PngWriter.Write(width, height, rgb);
    }
}
