using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gatewayz.Api.Embeddings;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A simulated embedding model's answer, in OpenAI's shape: one unit vector (L2 norm 1) per input item, drawn from a
/// stable hash of the upstream model and the item alone, so the same input to the same model gets the same vector on
/// every provider, replica and run. A request for fewer <c>dimensions</c> than the model's gets the model's vector
/// cut to that length and normalised again, as OpenAI's text-embedding-3 models shorten theirs.
/// </summary>
public static class SimulatedEmbeddings
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"object":"list","data":[{"object":"embedding","index":i,"embedding":…}],"model":…,"usage":{"prompt_tokens":N,"total_tokens":N}}</c>,
    /// each embedding a JSON array of numbers, or for <see cref="EmbeddingEncoding.Base64"/> the base64 of its
    /// little-endian float32 values.
    /// </summary>
    /// <param name="modelDimensions">The model's own vector length (<c>EmbeddingDimensions</c>).</param>
    /// <exception cref="UpstreamException">A 400 of the simulated upstream for more <c>dimensions</c> than the model has.</exception>
    public static byte[] Answer(EmbeddingRequest request, string upstreamModel, int modelDimensions, string provider)
    {
        var dimensions = request.Dimensions ?? modelDimensions;
        if (dimensions > modelDimensions)
            throw SimulatedRejection.AboveMaximum(provider, "dimensions", modelDimensions, dimensions);
        var body = new ArrayBufferWriter<byte>(256 + request.Inputs.Count * dimensions * 12);
        using (var writer = new Utf8JsonWriter(body, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            var vector = new float[modelDimensions];
            for (var i = 0; i < request.Inputs.Count; i++)
            {
                Fill(vector, upstreamModel, request.Inputs[i], dimensions);
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                WriteVector(writer, vector.AsSpan(0, dimensions), request.Encoding);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("model", upstreamModel);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", request.EstimatedInputTokens);
            writer.WriteNumber("total_tokens", request.EstimatedInputTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return body.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Fills the first <paramref name="dimensions"/> values of <paramref name="vector"/> with the model's vector for
    /// <paramref name="input"/> (normally distributed values, so directions are uniform on the sphere), cut to that
    /// length and scaled to norm 1.
    /// </summary>
    public static void Fill(float[] vector, string upstreamModel, string input, int dimensions)
    {
        var random = new Random(StableHash.Of(0, upstreamModel, input));
        var sumOfSquares = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            // Box–Muller: a standard normal value from two uniform ones.
            var value = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            vector[d] = (float)value;
            sumOfSquares += value * value;
        }
        var scale = sumOfSquares > 0 ? 1.0 / Math.Sqrt(sumOfSquares) : 0;
        for (var d = 0; d < dimensions; d++)
            vector[d] = (float)(vector[d] * scale);
    }

    private static void WriteVector(Utf8JsonWriter writer, ReadOnlySpan<float> vector, EmbeddingEncoding encoding)
    {
        if (encoding == EmbeddingEncoding.Base64)
        {
            var bytes = new byte[vector.Length * sizeof(float)];
            if (BitConverter.IsLittleEndian)
                MemoryMarshal.AsBytes(vector).CopyTo(bytes);
            else
            {
                for (var d = 0; d < vector.Length; d++)
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), vector[d]);
            }
            writer.WriteBase64String("embedding", bytes);
            return;
        }
        writer.WriteStartArray("embedding");
        foreach (var value in vector)
            writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }
}
