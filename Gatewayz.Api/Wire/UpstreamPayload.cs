using System.Buffers;

namespace Gatewayz.Api.Wire;

/// <summary>
/// One JSON document exactly as the upstream sent it, tagged with its wire format — a completion or
/// message body, or the data of one stream event — with where its <c>id</c> and <c>model</c> values sit.
/// Those two are the only fields the gateway owns in an answer it relays (its own response id, and the
/// model id the client asked for instead of the upstream's); every other byte reaches a client of the same
/// format unchanged, so fields the gateway has never heard of survive. A default range means the field is
/// absent. OpenAI's documents carry both at the top; of Anthropic's, a message body does, and of its stream
/// only <c>message_start</c>, inside its <c>message</c> (<see cref="IdentityObject"/>).
/// </summary>
public readonly record struct UpstreamPayload(ReadOnlyMemory<byte> Json, Range Id, Range Model)
{
    /// <summary>The format the upstream wrote the document in; <see cref="WireFormat.None"/> when empty.</summary>
    public WireFormat Format { get; init; }

    /// <summary>The SSE event name the upstream gave the event (Anthropic's streams name every event); null for a body or an unnamed event.</summary>
    public string? Event { get; init; }

    /// <summary>
    /// Where the object that holds <c>id</c> and <c>model</c> begins: 0 for the document's root (the
    /// default), the offset of its <c>{</c> for a nested one (Anthropic's <c>message_start.message</c>), or
    /// -1 when the document holds neither and none is added (Anthropic's other events).
    /// </summary>
    public int IdentityObject { get; init; }

    public bool IsEmpty => Json.IsEmpty;

    /// <summary>Whether the payload holds a document in <paramref name="format"/>.</summary>
    public bool Is(WireFormat format) => Format == format && !Json.IsEmpty;

    /// <summary>
    /// Writes the document with the values of <c>id</c> and <c>model</c> replaced by <paramref name="id"/>
    /// and <paramref name="model"/>, which must be JSON values already (quoted and escaped strings). A
    /// field the upstream left out is added first in the object, so every answer carries the gateway's
    /// id (the one its ledger and traces use) and the model the client asked for.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> id, ReadOnlySpan<byte> model)
    {
        var json = Json.Span;
        if (IdentityObject < 0)
        {
            output.Write(json);
            return;
        }
        var (idStart, idLength) = Id.GetOffsetAndLength(json.Length);
        var (modelStart, modelLength) = Model.GetOffsetAndLength(json.Length);
        var written = 0;
        if (idLength == 0 || modelLength == 0)
            written = WriteMissing(output, json, IdentityObject, idLength == 0 ? id : default, modelLength == 0 ? model : default);

        if (idLength > 0 && modelLength > 0 && modelStart < idStart)
        {
            (idStart, idLength, modelStart, modelLength) = (modelStart, modelLength, idStart, idLength);
            var swap = id;
            id = model;
            model = swap;
        }
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

    /// <summary>
    /// Writes the document up to the opening brace of the object at <paramref name="objectStart"/> and the
    /// absent fields after it; returns how much of <paramref name="json"/> that covered.
    /// </summary>
    private static int WriteMissing(IBufferWriter<byte> output, ReadOnlySpan<byte> json, int objectStart, ReadOnlySpan<byte> id, ReadOnlySpan<byte> model)
    {
        var afterBrace = objectStart + json[objectStart..].IndexOf((byte)'{') + 1;
        output.Write(json[..afterBrace]);
        var first = true;
        if (!id.IsEmpty) WriteField(output, "\"id\":"u8, id, ref first);
        if (!model.IsEmpty) WriteField(output, "\"model\":"u8, model, ref first);
        // The upstream's own fields follow, unless the object was empty or nothing was added.
        if (!first && json[afterBrace..].TrimStart(" \t\r\n"u8) is [not (byte)'}', ..])
            output.Write(","u8);
        return afterBrace;
    }

    private static void WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, ref bool first)
    {
        if (!first) output.Write(","u8);
        output.Write(name);
        output.Write(value);
        first = false;
    }

    /// <summary>The relayed document as a new array (for a non-streamed body and the response cache).</summary>
    public byte[] ToArray(ReadOnlySpan<byte> id, ReadOnlySpan<byte> model)
    {
        var buffer = new ArrayBufferWriter<byte>(Json.Length + id.Length + model.Length);
        WriteTo(buffer, id, model);
        return buffer.WrittenSpan.ToArray();
    }
}
