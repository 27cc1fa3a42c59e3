namespace Gatewayz.Tests.Grafana;

/// <summary>A datasource reference in a dashboard or alert rule, as written (a UID or a <c>${variable}</c>).</summary>
public sealed record DatasourceUse(string Location, string Reference);
