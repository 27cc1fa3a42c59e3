using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A bad setting stops start-up with a message naming the setting. The real gateway process is started:
/// an in-process host that fails to start races WebApplicationFactory's own start-up and can surface
/// as an ObjectDisposedException instead of the validation failure.
/// </summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Gatewayz:Models:openai/gpt-4o:Routes:0:Provider", "nobody", "Gatewayz:Models:openai/gpt-4o:Routes:0:Provider")]
    [InlineData("Gatewayz:Providers:groq:Kind", "OpenAiCompatible", "Gatewayz:Providers:groq:BaseUrl")]
    [InlineData("Gatewayz:MaxRequestBodyBytes", "10", "Gatewayz:MaxRequestBodyBytes")]
    [InlineData("Gatewayz:Providers:together:Simulation:ErrorRate", "1.5", "Gatewayz:Providers:together:Simulation")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "app.example.com", "Gatewayz:Cors:AllowedOrigins:0")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "https://app.example.com/chat", "Gatewayz:Cors:AllowedOrigins:0")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "ftp://app.example.com", "Gatewayz:Cors:AllowedOrigins:0")]
    public async Task Invalid_setting_stops_startup_naming_it(string key, string value, string named)
    {
        using var gateway = LocalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Gatewayz.Api.dll"), "--environment", "Development", $"--{key}={value}", "--urls", "http://127.0.0.1:0"],
            workingDirectory: AppContext.BaseDirectory);

        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0, gateway.Output);
        gateway.Output.ShouldContain("Unhandled exception. Microsoft.Extensions.Options.OptionsValidationException: ");
        gateway.Output.Split('\n').ShouldContain(line => line.StartsWith("Unhandled exception.") && line.Contains(named), gateway.Output);
    }
}
