using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Gateway;

/// <summary>A bad setting stops start-up with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Gatewayz:Models:openai/gpt-4o:Routes:0:Provider", "nobody", "Gatewayz:Models:openai/gpt-4o:Routes:0:Provider")]
    [InlineData("Gatewayz:Providers:groq:Kind", "OpenAiCompatible", "Gatewayz:Providers:groq:BaseUrl")]
    [InlineData("Gatewayz:MaxRequestBodyBytes", "10", "Gatewayz:MaxRequestBodyBytes")]
    [InlineData("Gatewayz:Providers:together:Simulation:ErrorRate", "1.5", "Gatewayz:Providers:together:Simulation")]
    public void Invalid_setting_stops_startup_naming_it(string key, string value, string named)
    {
        var failure = Should.Throw<OptionsValidationException>(() => GatewayHost.Start(new Dictionary<string, string?> { [key] = value }).Dispose());

        failure.Message.ShouldContain(named);
    }
}
