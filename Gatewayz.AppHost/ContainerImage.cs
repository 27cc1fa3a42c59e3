namespace Gatewayz.AppHost;

/// <summary>A container image pinned to one tag.</summary>
internal sealed record ContainerImage(string Image, string Tag);
