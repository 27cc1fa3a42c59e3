using System.Buffers;

namespace Gatewayz.Api.Wire.OpenAi;

/// <summary>
/// One OpenAI-format JSON document exactly as the upstream sent it — a completion body, or the data
/// of one stream event — with where its top-level <c>id</c> and <c>model</c> values sit. Those two
/// are the only fields the gateway owns in an answer it relays (its own response id, and the model id
/// the client asked for instead of the upstream's); every other byte reaches the client unchanged, so
/// fields the gateway has never heard of survive. A default range means the field is absent.
/// </summary>
public readonly record struct OpenAiPayload(ReadOnlyMemory<byte> Json, Range Id, Range Model)
{
    public bool IsEmpty => Json.IsEmpty;

    /// <summary>
    /// Writes the document with the values of <c>id</c> and <c>model</c> replaced by <paramref name="id"/>
    /// and <paramref name="model"/>, which must be JSON values already (quoted and escaped strings).
    /// A field the upstream left out stays out.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> id, ReadOnlySpan<byte> model)
    {
        var json = Json.Span;
        var (idStart, idLength) = Id.GetOffsetAndLength(json.Length);
        var (modelStart, modelLength) = Model.GetOffsetAndLength(json.Length);
        if (idLength > 0 && modelLength > 0 && modelStart < idStart)
        {
            (idStart, idLength, modelStart, modelLength) = (modelStart, modelLength, idStart, idLength);
            var swap = id;
            id = model;
            model = swap;
        }

        var written = 0;
        if (idLength > 0)
        {
            output.Write(json[written..idStart]);
            output.Write(id);
            written = idStart + idLength;
        }
        if (modelLength > 0)
        {
            output.Write(json[written..modelStart]);
            output.Write(model);
            written = modelStart + modelLength;
        }
        output.Write(json[written..]);
    }

    /// <summary>The relayed document as a new array (for a non-streamed body and the response cache).</summary>
    public byte[] ToArray(ReadOnlySpan<byte> id, ReadOnlySpan<byte> model)
    {
        var buffer = new ArrayBufferWriter<byte>(Json.Length + id.Length + model.Length);
        WriteTo(buffer, id, model);
        return buffer.WrittenSpan.ToArray();
    }
}
