using System.Text.Json;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>A function tool of the request: its name and its JSON schema (<c>parameters</c>; undefined when absent).</summary>
public sealed record SimulatedTool(string Name, JsonElement Parameters);
