namespace Gatewayz.Api.Auth;

public sealed class ConfiguredApiKey
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string UserId { get; set; } = "";
}
