namespace Gatewayz.Tests.Grafana;

/// <summary>One query found in a dashboard or alert rule, with where it was found.</summary>
public sealed record GrafanaQuery(string Location, QueryLanguage Language, string Text);
