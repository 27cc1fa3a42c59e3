namespace Gatewayz.Data;

/// <summary>The account and history database (<c>ConnectionStrings:gatewayz</c>, the Aspire database name).</summary>
public sealed class GatewayzDatabase(string connectionString)
{
    public const string ConnectionName = "gatewayz";

    public string ConnectionString { get; } = connectionString;
}
