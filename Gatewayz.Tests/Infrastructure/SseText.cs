using System.Net.ServerSentEvents;
using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Server-sent event text read and written as a client would: comments, event and id fields ignored.</summary>
public static class SseText
{
    public const string Done = "[DONE]";

    /// <summary>The data of every event in order, <c>[DONE]</c> included (the runtime's own SSE parser).</summary>
    public static IReadOnlyList<string> Data(string sse) =>
        [.. SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(sse))).Enumerate().Select(item => item.Data)];

    /// <summary>The JSON events of an OpenAI stream, without its <c>[DONE]</c>.</summary>
    public static IReadOnlyList<string> JsonEvents(string sse) => [.. Data(sse).Where(data => data != Done)];

    /// <summary>An OpenAI stream of these JSON events, LF line endings, ending with <c>data: [DONE]</c>.</summary>
    public static string Stream(IEnumerable<string> jsonEvents) =>
        string.Concat(jsonEvents.Select(data => $"data: {data}\n\n")) + $"data: {Done}\n\n";
}
