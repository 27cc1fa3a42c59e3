namespace Gatewayz.Tests.Containers;

/// <summary>Exit code and combined standard output and error of a <see cref="ToolCommand"/>.</summary>
public sealed record ToolResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
