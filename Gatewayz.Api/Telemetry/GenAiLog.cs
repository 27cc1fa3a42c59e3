namespace Gatewayz.Api.Telemetry;

/// <summary>
/// The one log line per upstream attempt. It carries names, outcome, timing and token counts, never
/// prompts, completions or keys; trace_id and span_id come from the logging scope of the attempt span.
/// </summary>
internal static partial class GenAiLog
{
    [LoggerMessage(EventId = 9001, EventName = "GenAiAttemptCompleted", Level = LogLevel.Information,
        Message = "{Operation} {RequestModel} via {Provider} ({UpstreamModel}) succeeded in {DurationMs:F1} ms: {InputTokens} input tokens, {OutputTokens} output tokens, finish {FinishReason}")]
    public static partial void AttemptSucceeded(ILogger logger, string operation, string requestModel, string provider,
        string upstreamModel, double durationMs, int inputTokens, int outputTokens, string? finishReason);

    [LoggerMessage(EventId = 9002, EventName = "GenAiAttemptFailed", Level = LogLevel.Warning,
        Message = "{Operation} {RequestModel} via {Provider} ({UpstreamModel}) failed in {DurationMs:F1} ms: {ErrorType}")]
    public static partial void AttemptFailed(ILogger logger, string operation, string requestModel, string provider,
        string upstreamModel, double durationMs, string errorType);
}
