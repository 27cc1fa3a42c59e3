using System.Diagnostics;

namespace Gatewayz.Tests.Grafana;

/// <summary>Runs a command to completion with optional standard input, failing loudly on a timeout.</summary>
public static class ExternalCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static Outcome Run(string fileName, IEnumerable<string> arguments, string workingDirectory, string? input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return new Outcome(process.ExitCode, output.Result, errors.Result);
    }
}
