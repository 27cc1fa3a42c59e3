namespace Gatewayz.Api.Catalog;

/// <summary>One way to serve a model: a provider and the model id that provider expects.</summary>
public sealed record ResolvedRoute(string Provider, string UpstreamModel);
