using System.Diagnostics;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Telemetry;

/// <summary>
/// GenAI spans, metrics and logs for upstream calls: <see cref="StartAttempt"/> opens one span per
/// attempt, and the static helpers mark retries, failovers and breaker rejections on the current span.
/// </summary>
public sealed class GenAiTelemetry(GenAiMetrics metrics, IOptionsMonitor<TelemetryOptions> options, ILogger<GenAiTelemetry> logger, TimeProvider time)
{
    public const string ChatOperation = "chat";

    /// <summary>
    /// The <c>gen_ai.operation.name</c> of a catalog operation, from the GenAI semantic conventions' well-known values:
    /// <c>chat</c>, <c>embeddings</c>, <c>text_completion</c> (legacy completions), <c>generate_content</c> (images);
    /// the Responses API is a chat.
    /// </summary>
    public static string OperationName(ModelOperation operation) => operation switch
    {
        ModelOperation.Embeddings => "embeddings",
        ModelOperation.Completions => "text_completion",
        ModelOperation.Images => "generate_content",
        _ => ChatOperation,
    };

    public static readonly ActivitySource Source =
        new(Microsoft.Extensions.Hosting.GatewayzTelemetry.GatewaySourceName, Microsoft.Extensions.Hosting.GatewayzTelemetry.ServiceVersion);

    public bool CaptureContent => options.CurrentValue.CaptureContent;

    /// <summary>
    /// Starts the span of one upstream attempt as a child of the current activity and makes it current,
    /// so the provider's HTTP call and any metric recorded meanwhile (exemplars) belong to it.
    /// </summary>
    public GenAiAttempt StartAttempt(GenAiAttemptInfo info)
    {
        var activity = Source.StartActivity(
            $"{info.Operation} {info.UpstreamModel}",
            info.Server is null ? ActivityKind.Internal : ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, info.Operation);
            activity.SetTag(GenAiAttributes.ProviderName, info.Provider);
            activity.SetTag(GenAiAttributes.RequestModel, info.UpstreamModel);
            activity.SetTag(GenAiAttributes.GatewayModel, info.RequestModel);
            if (info.Streaming) activity.SetTag(GenAiAttributes.RequestStream, true);
            if (info.Server is { } server)
            {
                activity.SetTag(GenAiAttributes.ServerAddress, server.Host);
                activity.SetTag(GenAiAttributes.ServerPort, server.Port);
            }
        }
        return new GenAiAttempt(info, activity, metrics, logger, time);
    }

    /// <summary>Tags the request's server span with the model the client asked for.</summary>
    public static void TagRequest(string operation, string requestModel, bool streaming)
    {
        if (Activity.Current is not { IsAllDataRequested: true } request) return;
        request.SetTag(GenAiAttributes.OperationName, operation);
        request.SetTag(GenAiAttributes.GatewayModel, requestModel);
        if (streaming) request.SetTag(GenAiAttributes.RequestStream, true);
    }

    /// <summary>Records the prompt on the attempt span, only when content capture is switched on.</summary>
    public void CaptureInput(GenAiAttempt attempt, IReadOnlyList<ChatMessage> messages)
    {
        if (CaptureContent) attempt.AddContentEvent(GenAiAttributes.InputMessages, GenAiContent.InputMessages(messages));
    }

    /// <summary>Records the completion on the attempt span, only when content capture is switched on.</summary>
    public void CaptureOutput(GenAiAttempt attempt, string completion, string finishReason)
    {
        if (CaptureContent) attempt.AddContentEvent(GenAiAttributes.OutputMessages, GenAiContent.OutputMessages(completion, finishReason));
    }

    public static void Retry(int attempt, string errorType, TimeSpan delay) =>
        AddEvent(GenAiAttributes.RetryEvent, new ActivityTagsCollection
        {
            [GenAiAttributes.RetryAttempt] = attempt,
            [GenAiAttributes.ErrorType] = errorType,
            [GenAiAttributes.RetryDelayMs] = delay.TotalMilliseconds,
        });

    public static void Failover(string fromProvider, string toProvider, string reason) =>
        AddEvent(GenAiAttributes.FailoverEvent, new ActivityTagsCollection
        {
            [GenAiAttributes.FailoverFrom] = fromProvider,
            [GenAiAttributes.FailoverTo] = toProvider,
            [GenAiAttributes.FailoverReason] = reason,
        });

    public static void BreakerRejected(string provider, string state) =>
        AddEvent(GenAiAttributes.BreakerRejectedEvent, new ActivityTagsCollection
        {
            [GenAiAttributes.ProviderName] = provider,
            [GenAiAttributes.BreakerState] = state,
        });

    private static void AddEvent(string name, ActivityTagsCollection tags) =>
        Activity.Current?.AddEvent(new ActivityEvent(name, tags: tags));
}
