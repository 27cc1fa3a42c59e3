using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One JSON object per log line with <c>trace_id</c> and <c>span_id</c> at the top level, so Loki's
/// derived field (<c>"trace_id": "…"</c>) links every line to its trace. Structured properties and
/// scope values follow as fields; nothing else is added.
/// </summary>
public sealed class TraceJsonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "gatewayz-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope((scope, all) => AddPairs(all, scope), fields);
        AddPairs(fields, logEntry.State);
        var traceId = Take(fields, "TraceId") ?? Activity.Current?.TraceId.ToHexString();
        var spanId = Take(fields, "SpanId") ?? Activity.Current?.SpanId.ToHexString();
        fields.Remove("ParentId");
        fields.Remove("{OriginalFormat}");

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("event_id", logEntry.EventId.Id);
            json.WriteString("message", message);
            if (traceId is not null) json.WriteString("trace_id", traceId);
            if (spanId is not null) json.WriteString("span_id", spanId);
            if (logEntry.Exception is { } exception) json.WriteString("exception", exception.ToString());
            foreach (var (key, value) in fields)
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        textWriter.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void AddPairs(Dictionary<string, object?> fields, object? state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
        foreach (var (key, value) in pairs) fields[key] = value;
    }

    private static string? Take(Dictionary<string, object?> fields, string key) =>
        fields.Remove(key, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
