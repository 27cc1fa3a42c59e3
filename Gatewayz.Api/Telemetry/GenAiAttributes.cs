namespace Gatewayz.Api.Telemetry;

/// <summary>
/// Attribute, metric and event names from the OpenTelemetry GenAI semantic conventions v1.41.0
/// (the last semantic-conventions release that carries the GenAI pages), plus the gateway's own.
/// </summary>
public static class GenAiAttributes
{
    public const string SemanticConventionsVersion = "1.41.0";

    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestStream = "gen_ai.request.stream";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string InputMessages = "gen_ai.input.messages";
    public const string OutputMessages = "gen_ai.output.messages";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    /// <summary>Fallback <c>error.type</c> when nothing more specific is known.</summary>
    public const string OtherError = "_OTHER";

    public const string OperationDetailsEvent = "gen_ai.client.inference.operation.details";

    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string TimeToFirstChunkMetric = "gen_ai.client.operation.time_to_first_chunk";

    // The gateway's own names, outside the gen_ai namespace.
    public const string GatewayModel = "gatewayz.model";
    public const string RetryEvent = "gatewayz.retry";
    public const string RetryAttempt = "gatewayz.retry.attempt";
    public const string RetryDelayMs = "gatewayz.retry.delay_ms";
    public const string FailoverEvent = "gatewayz.failover";
    public const string FailoverFrom = "gatewayz.failover.from_provider";
    public const string FailoverTo = "gatewayz.failover.to_provider";
    public const string FailoverReason = "gatewayz.failover.reason";
    public const string BreakerRejectedEvent = "gatewayz.circuit_breaker.rejected";
    public const string BreakerState = "gatewayz.circuit_breaker.state";
}
