namespace Gatewayz.Api.Providers.Simulation;

/// <summary>One function call of an answer: its id (<c>call_…</c>), the function's name and the arguments as JSON text.</summary>
public sealed record SimulatedToolCall(string Id, string Name, string Arguments);
