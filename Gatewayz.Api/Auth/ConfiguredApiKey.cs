namespace Gatewayz.Api.Auth;

/// <summary>A key from configuration (<c>Gatewayz:ApiKeys:N</c>), for the embedded run without an account database.</summary>
public sealed class ConfiguredApiKey
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string UserId { get; set; } = "";

    /// <summary>The key's <see cref="ApiKeyRoles"/>; none by default.</summary>
    public List<string> Roles { get; set; } = [];
}
