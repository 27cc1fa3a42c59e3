using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

public sealed record RecordedRequest(string Method, string Path, string Authorization, JsonElement? Body)
{
    public string TraceParent { get; init; } = "";

    /// <summary>The body as it arrived, byte for byte (as UTF-8 text).</summary>
    public string RawBody { get; init; } = "";

    /// <summary>Every request header, names in lower case, several values joined with a comma.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
