namespace Gatewayz.Api.Catalog;

public sealed class ModelRoute
{
    public string Provider { get; set; } = "";

    /// <summary>The model id the upstream knows; defaults to the public model id.</summary>
    public string? UpstreamModel { get; set; }
}
