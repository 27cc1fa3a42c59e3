using System.Text;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Responses;

/// <summary>
/// Writes a streamed answer as the Responses API's events, each named by its <c>type</c> and numbered by
/// <c>sequence_number</c>: <c>response.created</c> and <c>response.in_progress</c> (the response, no output yet); per
/// output item <c>response.output_item.added</c>, its content (<c>response.content_part.added</c>,
/// <c>response.output_text.delta</c>s, <c>response.output_text.done</c>, <c>response.content_part.done</c> for a
/// message; <c>response.function_call_arguments.delta</c>s and <c>.done</c> for a function call;
/// <c>response.reasoning_text.delta</c>s and <c>.done</c> for reasoning) and <c>response.output_item.done</c>; last
/// <c>response.completed</c> (or <c>response.incomplete</c>) with the whole response, as a non-streamed request gets
/// it. No <c>[DONE]</c> follows: the Responses API ends with its last event. The upstream's answer, in either upstream
/// format, is read as format-free deltas (choice 0): a message or reasoning item closes when another item begins; a
/// function call's item stays open until the end, so that the arguments of parallel calls may interleave (each delta
/// names its item).
/// </summary>
public sealed class ResponsesStreamEncoder(ResponseIdentity identity, ResponsesSettings settings,
    Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> keep) : IChatStreamEncoder
{
    private readonly AnswerDeltaReader _reader = new();
    private readonly List<ChatDelta> _deltas = [];
    private readonly List<OutputItem> _items = [];
    private readonly Dictionary<int, OutputItem> _calls = [];
    private OutputItem? _open;
    private int _sequence;

    // The event being written (Begin), which End finishes.
    private Utf8JsonWriter? _event;

    /// <summary>A comment: the Responses API has no keep-alive event, and OpenAI's SDKs skip comments.</summary>
    public byte[] KeepAlive => ServerSentEventWriter.KeepAliveComment;

    public async ValueTask WriteStartAsync(ServerSentEventWriter sse, WireFormat upstream, CancellationToken cancellationToken)
    {
        WriteResponseEvent(sse, "response.created", ResponseStatus.InProgress, usage: null);
        sse.EndEvent();
        WriteResponseEvent(sse, "response.in_progress", ResponseStatus.InProgress, usage: null);
        await sse.EndEventAsync(cancellationToken);
    }

    public bool TryWrite(ServerSentEventWriter sse, in ChatChunk chunk)
    {
        _deltas.Clear();
        _reader.Read(chunk, _deltas);
        var wrote = false;
        foreach (var delta in _deltas)
        {
            if (delta.Choice != 0) continue;
            switch (delta.Kind)
            {
                case ChatDeltaKind.Text or ChatDeltaKind.Refusal when delta.Text is { Length: > 0 } text:
                    var message = OpenItem(sse, ItemKind.Message);
                    message.Text.Append(text);
                    WriteContentText(sse, "response.output_text.delta", message, "delta", text);
                    wrote = true;
                    break;
                case ChatDeltaKind.Thinking when delta.Text is { Length: > 0 } thinking:
                    var reasoning = OpenItem(sse, ItemKind.Reasoning);
                    reasoning.Text.Append(thinking);
                    WriteContentText(sse, "response.reasoning_text.delta", reasoning, "delta", thinking);
                    wrote = true;
                    break;
                case ChatDeltaKind.ToolCallStarted:
                    CloseOpenItem(sse, ResponseStatus.Completed);
                    var callId = delta.ToolCallId is { Length: > 0 } id ? id : ResponsesWire.ItemId("call_", identity, _items.Count);
                    var call = Add(sse, ItemKind.FunctionCall, callId, delta.ToolName ?? "");
                    _calls[delta.ToolIndex] = call;
                    wrote = true;
                    break;
                case ChatDeltaKind.ToolArguments when _calls.TryGetValue(delta.ToolIndex, out var started):
                    started.Text.Append(delta.Text);
                    Begin(sse, "response.function_call_arguments.delta", started).WriteString("delta", delta.Text);
                    End(sse);
                    wrote = true;
                    break;
            }
        }
        return wrote;
    }

    /// <summary>
    /// Closes every open item, keeps the response when the request asked to store it (before the client can learn its
    /// id from the last event and continue from it), then sends <c>response.completed</c> or <c>response.incomplete</c>.
    /// </summary>
    public async ValueTask WriteEndAsync(ServerSentEventWriter sse, string finishReason, TokenUsage usage, CancellationToken cancellationToken)
    {
        var status = ResponseStatus.Of(finishReason);
        CloseOpenItem(sse, status);
        foreach (var item in _items)
        {
            if (item.Kind == ItemKind.FunctionCall && !item.Done)
                Close(sse, item, status);
        }
        var response = JsonResponse.Serialize((identity, settings, status, Output: Parts(), usage, _reader.ReasoningTokens), static (writer, state) =>
            ResponsesWire.WriteResponse(writer, state.identity, state.settings, state.status, state.Output, state.usage, state.ReasoningTokens));
        await keep(response, cancellationToken);
        var last = BeginEvent(sse, status == ResponseStatus.Completed ? "response.completed" : "response.incomplete");
        last.WritePropertyName("response");
        last.WriteRawValue(response.Span, skipInputValidation: true);
        last.WriteEndObject();
        await sse.EndEventAsync(cancellationToken);
    }

    /// <summary>
    /// OpenAI's <c>error</c> event (<c>code</c>, <c>message</c>, <c>param</c>), then <c>response.failed</c> with the
    /// response as far as it got, its <c>error</c> set; the caller ends the second event.
    /// </summary>
    public void BeginError(ServerSentEventWriter sse, GatewayError error)
    {
        var writer = BeginEvent(sse, "error");
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        if (error.Param is null) writer.WriteNull("param"); else writer.WriteString("param", error.Param);
        writer.WriteEndObject();
        sse.EndEvent();
        var failed = BeginEvent(sse, "response.failed");
        failed.WritePropertyName("response");
        ResponsesWire.WriteResponse(failed, identity, settings, ResponseStatus.Failed, Parts(), usage: null, error: error);
        failed.WriteEndObject();
    }

    /// <summary>The item of <paramref name="kind"/> being written, or a new one after closing the open one.</summary>
    private OutputItem OpenItem(ServerSentEventWriter sse, ItemKind kind)
    {
        if (_open?.Kind == kind)
            return _open;
        CloseOpenItem(sse, ResponseStatus.Completed);
        return _open = Add(sse, kind);
    }

    /// <summary>A new output item: <c>response.output_item.added</c>, and for a message its empty <c>output_text</c> part.</summary>
    private OutputItem Add(ServerSentEventWriter sse, ItemKind kind, string callId = "", string name = "")
    {
        var item = new OutputItem(kind, _items.Count, callId, name);
        _items.Add(item);
        var added = BeginEvent(sse, "response.output_item.added");
        added.WriteNumber("output_index", item.OutputIndex);
        added.WritePropertyName("item");
        ResponsesWire.WriteOutputItem(added, identity, item.OutputIndex, item.ToPart(), ResponseStatus.InProgress.Status);
        added.WriteEndObject();
        sse.EndEvent();
        if (kind == ItemKind.Message)
        {
            var part = Begin(sse, "response.content_part.added", item);
            part.WriteNumber("content_index", 0);
            part.WritePropertyName("part");
            ResponsesWire.WriteOutputText(part, "");
            End(sse);
        }
        return item;
    }

    private void CloseOpenItem(ServerSentEventWriter sse, ResponseStatus status)
    {
        if (_open is null) return;
        Close(sse, _open, status);
        _open = null;
    }

    /// <summary>The events that finish an item's content, then <c>response.output_item.done</c> with the item whole.</summary>
    private void Close(ServerSentEventWriter sse, OutputItem item, ResponseStatus status)
    {
        var text = item.Text.ToString();
        switch (item.Kind)
        {
            case ItemKind.Message:
                WriteContentText(sse, "response.output_text.done", item, "text", text);
                var partDone = Begin(sse, "response.content_part.done", item);
                partDone.WriteNumber("content_index", 0);
                partDone.WritePropertyName("part");
                ResponsesWire.WriteOutputText(partDone, text);
                End(sse);
                break;
            case ItemKind.FunctionCall:
                var arguments = Begin(sse, "response.function_call_arguments.done", item);
                arguments.WriteString("name", item.Name);
                arguments.WriteString("arguments", text);
                End(sse);
                break;
            case ItemKind.Reasoning:
                WriteContentText(sse, "response.reasoning_text.done", item, "text", text);
                break;
        }
        item.Done = true;
        var done = BeginEvent(sse, "response.output_item.done");
        done.WriteNumber("output_index", item.OutputIndex);
        done.WritePropertyName("item");
        ResponsesWire.WriteOutputItem(done, identity, item.OutputIndex, item.ToPart(), status.ItemStatus);
        done.WriteEndObject();
        sse.EndEvent();
    }

    /// <summary>
    /// An event about the text of an item's one content part, a fragment (<c>delta</c>) or the whole (<c>text</c>); output
    /// text has <c>logprobs</c>, empty, as the bridge carries none.
    /// </summary>
    private void WriteContentText(ServerSentEventWriter sse, string type, OutputItem item, string field, string text)
    {
        var writer = Begin(sse, type, item);
        writer.WriteNumber("content_index", 0);
        writer.WriteString(field, text);
        if (item.Kind == ItemKind.Message)
        {
            writer.WriteStartArray("logprobs");
            writer.WriteEndArray();
        }
        End(sse);
    }

    /// <summary>The answer so far, one part per output item.</summary>
    private List<ContentPart> Parts() => _items.ConvertAll(item => item.ToPart());

    private void WriteResponseEvent(ServerSentEventWriter sse, string type, ResponseStatus status, TokenUsage? usage)
    {
        var writer = BeginEvent(sse, type);
        writer.WritePropertyName("response");
        ResponsesWire.WriteResponse(writer, identity, settings, status, Parts(), usage);
        writer.WriteEndObject();
    }

    /// <summary>An event about <paramref name="item"/>: its <c>item_id</c> and <c>output_index</c> written; the caller adds the rest and ends it.</summary>
    private Utf8JsonWriter Begin(ServerSentEventWriter sse, string type, OutputItem item)
    {
        var writer = BeginEvent(sse, type);
        writer.WriteString("item_id", ResponsesWire.ItemId(item.IdPrefix, identity, item.OutputIndex));
        writer.WriteNumber("output_index", item.OutputIndex);
        return writer;
    }

    private void End(ServerSentEventWriter sse)
    {
        _event!.WriteEndObject();
        sse.EndEvent();
    }

    /// <summary>An event named by its <c>type</c>, which the data repeats, with the stream's next <c>sequence_number</c>.</summary>
    private Utf8JsonWriter BeginEvent(ServerSentEventWriter sse, string type)
    {
        var writer = _event = sse.BeginEvent(type);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteNumber("sequence_number", _sequence++);
        return writer;
    }

    private enum ItemKind { Message, FunctionCall, Reasoning }

    /// <summary>One output item of the stream: its kind, position, text so far (or arguments), and for a call its id and name.</summary>
    private sealed class OutputItem(ItemKind kind, int outputIndex, string callId, string name)
    {
        public ItemKind Kind { get; } = kind;
        public int OutputIndex { get; } = outputIndex;
        public string Name { get; } = name;
        public StringBuilder Text { get; } = new();
        public bool Done { get; set; }

        public string IdPrefix => Kind switch { ItemKind.Message => "msg_", ItemKind.FunctionCall => "fc_", _ => "rs_" };

        public ContentPart ToPart() => Kind switch
        {
            ItemKind.Message => new TextPart(Text.ToString()),
            ItemKind.FunctionCall => new ToolCallPart(callId, Name, Text.ToString()),
            _ => new ThinkingPart(Text.ToString()),
        };
    }
}
