namespace Gatewayz.Api.Metrics;

/// <summary>Label names, and the value that every unknown or unbounded input folds into.</summary>
public static class MetricLabels
{
    public const string Provider = "provider";
    public const string Model = "model";
    public const string Status = "status";
    public const string TokenType = "token_type";
    public const string Method = "method";
    public const string Route = "route";
    public const string StatusCode = "status_code";
    public const string ExceptionType = "exception_type";
    public const string State = "state";
    public const string ErrorType = "error_type";
    public const string Reason = "reason";
    public const string CacheLayer = "cache_layer";
    public const string LimitType = "limit_type";
    public const string Operation = "operation";
    public const string Tier = "tier";
    public const string AnomalyType = "type";
    public const string Version = "version";
    public const string Environment = "environment";

    /// <summary>Where unknown values go, so that no client input can create a new series.</summary>
    public const string Other = "other";
}
