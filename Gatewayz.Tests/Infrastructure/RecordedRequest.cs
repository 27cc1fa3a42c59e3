using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

public sealed record RecordedRequest(string Method, string Path, string Authorization, JsonElement? Body)
{
    public string TraceParent { get; init; } = "";
}
