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
    [InlineData("Gatewayz:Streaming:KeepAliveSeconds", "-1", "Gatewayz:Streaming:KeepAliveSeconds")]
    [InlineData("Gatewayz:Providers:together:Simulation:ErrorRate", "1.5", "Gatewayz:Providers:together:Simulation")]
    [InlineData("Gatewayz:Providers:groq:AnthropicVersion", "2023-06-01", "Gatewayz:Providers:groq:AnthropicVersion")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "app.example.com", "Gatewayz:Cors:AllowedOrigins:0")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "https://app.example.com/chat", "Gatewayz:Cors:AllowedOrigins:0")]
    [InlineData("Gatewayz:Cors:AllowedOrigins:0", "ftp://app.example.com", "Gatewayz:Cors:AllowedOrigins:0")]
    [InlineData("Gatewayz:Caching:UnknownApiKeySeconds", "-1", "Gatewayz:Caching:UnknownApiKeySeconds")]
    [InlineData("Gatewayz:Caching:StaleApiKeyMaxAgeSeconds", "86401", "Gatewayz:Caching:StaleApiKeyMaxAgeSeconds")]
    [InlineData("Gatewayz:RateLimits:FailedAuthPerMinute", "0", "Gatewayz:RateLimits:FailedAuthPerMinute")]
    [InlineData("Gatewayz:Models:openai/gpt-4o:Endpoints:0", "embedding", "Gatewayz:Models:openai/gpt-4o:Endpoints:0")]
    [InlineData("Gatewayz:Providers:openrouter:Simulation:Models:openai/text-embedding-3-small:EmbeddingDimensions", "0",
        "Gatewayz:Providers:openrouter:Simulation:Models:openai/text-embedding-3-small:EmbeddingDimensions")]
    [InlineData("Gatewayz:Metrics:ManagementPort", "-1", "Gatewayz:Metrics:ManagementPort")]
    [InlineData("Gatewayz:Metrics:ManagementPort", "65536", "Gatewayz:Metrics:ManagementPort")]
    public async Task Invalid_setting_stops_startup_naming_it(string key, string value, string named) =>
        await AssertStartupFailsAsync([$"--{key}={value}"], [], [named]);

    /// <summary>
    /// Each case is a set of settings separated by ';' and the texts the failure must contain: the
    /// real id (colons included) and the setting path.
    /// </summary>
    [Theory]
    // A colon id in the dictionary form is split by configuration: 'acme/tiny' with a child 'free'.
    [InlineData("Gatewayz:Models:acme/tiny:free:Routes:0:Provider=groq",
        "'acme/tiny:free'", "Gatewayz:Models:acme/tiny:free", "Gatewayz:ModelList")]
    // Its prefix is a shipped model, which used to absorb it silently.
    [InlineData("Gatewayz:Models:meta-llama/llama-3.1-8b-instruct:free:Routes:0:Provider=groq",
        "'meta-llama/llama-3.1-8b-instruct:free'", "Gatewayz:ModelList")]
    [InlineData("Gatewayz:ModelList:0:Routes:0:Provider=groq", "Gatewayz:ModelList:0:Id must not be empty")]
    [InlineData("Gatewayz:ModelList:0:Id=openai/gpt-4o;Gatewayz:ModelList:0:Routes:0:Provider=groq",
        "Gatewayz:ModelList:0:Id 'openai/gpt-4o' is already configured at Gatewayz:Models:openai/gpt-4o")]
    [InlineData("Gatewayz:ModelList:0:Id=acme/tiny:free;Gatewayz:ModelList:0:Routes:0:Provider=groq;Gatewayz:ModelList:1:Id=ACME/tiny:free;Gatewayz:ModelList:1:Routes:0:Provider=groq",
        "Gatewayz:ModelList:1:Id 'ACME/tiny:free' is already configured at Gatewayz:ModelList:0:Id")]
    [InlineData("Gatewayz:ModelList:0:Id=acme/tiny:free;Gatewayz:ModelList:0:Routes:0:Provider=nobody",
        "Gatewayz:ModelList:0:Routes:0:Provider names unknown provider 'nobody' (model 'acme/tiny:free')")]
    public async Task Invalid_model_id_stops_startup_naming_the_real_id_and_setting(string settings, params string[] named) =>
        await AssertStartupFailsAsync([], settings.Split(';'), named);

    [Fact]
    public async Task A_management_port_the_api_listens_on_stops_startup_naming_it()
    {
        // Kestrel:Endpoints, when set, is where the API listens (the test's --urls is then ignored).
        await AssertStartupFailsAsync([], ["Kestrel:Endpoints:Api:Url=http://127.0.0.1:23999", "Gatewayz:Metrics:ManagementPort=23999"],
            ["Gatewayz:Metrics:ManagementPort is 23999, a port the API listens on"]);
    }

    [Fact]
    public async Task Colon_id_from_the_environment_names_the_real_id()
    {
        // The shell form of the same mistake: '__' becomes ':' and the id's own ':' splits it again.
        await AssertStartupFailsAsync([], [], ["'acme/tiny:free'", "Gatewayz:ModelList"],
            ("Gatewayz__Models__acme/tiny:free__Routes__0__Provider", "groq"));
    }

    private static async Task AssertStartupFailsAsync(string[] arguments, string[] settings, string[] named,
        params (string Name, string Value)[] environment)
    {
        using var gateway = LocalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Gatewayz.Api.dll"), "--environment", "Development",
                .. arguments, .. settings.Select(setting => $"--{setting}"), "--urls", "http://127.0.0.1:0"],
            workingDirectory: AppContext.BaseDirectory, environment: environment);

        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0, gateway.Output);
        gateway.Output.ShouldContain("Unhandled exception. Microsoft.Extensions.Options.OptionsValidationException: ");
        var failure = gateway.Output.Split('\n').First(line => line.StartsWith("Unhandled exception."));
        foreach (var text in named)
            failure.ShouldContain(text, Case.Sensitive, gateway.Output);
    }
}
