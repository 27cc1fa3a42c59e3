using System.Diagnostics;

namespace Gatewayz.Api.Telemetry;

/// <summary>
/// One upstream attempt in flight: its span (null when nobody listens), and the metrics and log
/// line written when it ends. End it exactly once with <see cref="Succeeded"/> or <see cref="Failed"/>;
/// disposing an attempt that was not ended records it as failed with <c>_OTHER</c>.
/// </summary>
public sealed class GenAiAttempt : IDisposable
{
    private readonly GenAiAttemptInfo _info;
    private readonly GenAiMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private bool _firstChunkSeen;
    private bool _ended;

    internal GenAiAttempt(GenAiAttemptInfo info, Activity? activity, GenAiMetrics metrics, ILogger logger, TimeProvider time)
    {
        _info = info;
        Activity = activity;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>The attempt's span. Streams read in another async flow can make it current again with <see cref="MakeCurrent"/>.</summary>
    public Activity? Activity { get; }

    public GenAiAttemptInfo Info => _info;

    /// <summary>Sets the attempt span as <see cref="System.Diagnostics.Activity.Current"/> for the calling async flow.</summary>
    public void MakeCurrent()
    {
        if (Activity is not null && !_ended) Activity.Current = Activity;
    }

    public void FirstChunk()
    {
        if (_firstChunkSeen || _ended) return;
        _firstChunkSeen = true;
        var seconds = _time.GetElapsedTime(_startedAt).TotalSeconds;
        Activity?.SetTag(GenAiAttributes.ResponseTimeToFirstChunk, seconds);
        _metrics.TimeToFirstChunk.Record(seconds, BaseTags());
    }

    /// <param name="finishReason">Why the answer ended; null for an operation whose answers have none (embeddings).</param>
    public void Succeeded(string? responseModel, int inputTokens, int outputTokens, string? finishReason)
    {
        if (!Begin(out var seconds)) return;
        var tags = BaseTags();
        if (responseModel is not null)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
            Activity?.SetTag(GenAiAttributes.ResponseModel, responseModel);
        }
        Activity?.SetTag(GenAiAttributes.UsageInputTokens, inputTokens);
        Activity?.SetTag(GenAiAttributes.UsageOutputTokens, outputTokens);
        if (finishReason is not null)
            Activity?.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { finishReason });

        _metrics.OperationDuration.Record(seconds, tags);
        RecordTokens(tags, "input", inputTokens);
        RecordTokens(tags, "output", outputTokens);
        GenAiLog.AttemptSucceeded(_logger, _info.Operation, _info.RequestModel, _info.Provider, _info.UpstreamModel,
            seconds * 1000, inputTokens, outputTokens, finishReason);
        Activity?.Stop();
    }

    public void Failed(string errorType, string? description = null) => End(errorType, description, usage: null);

    /// <summary>
    /// Ends an attempt whose client went away (<paramref name="errorType"/> says so) with the tokens it
    /// was charged for what had been delivered, so that the span and the token metrics match the bill.
    /// </summary>
    public void Abandoned(string errorType, int inputTokens, int outputTokens) => End(errorType, null, (inputTokens, outputTokens));

    private void End(string errorType, string? description, (int Input, int Output)? usage)
    {
        if (!Begin(out var seconds)) return;
        var tags = BaseTags();
        tags.Add(GenAiAttributes.ErrorType, errorType);
        Activity?.SetTag(GenAiAttributes.ErrorType, errorType);
        Activity?.SetStatus(ActivityStatusCode.Error, description ?? errorType);
        _metrics.OperationDuration.Record(seconds, tags);
        if (usage is var (input, output))
        {
            Activity?.SetTag(GenAiAttributes.UsageInputTokens, input);
            Activity?.SetTag(GenAiAttributes.UsageOutputTokens, output);
            RecordTokens(tags, "input", input);
            RecordTokens(tags, "output", output);
        }
        GenAiLog.AttemptFailed(_logger, _info.Operation, _info.RequestModel, _info.Provider, _info.UpstreamModel,
            seconds * 1000, errorType);
        Activity?.Stop();
    }

    public void Dispose() => Failed(GenAiAttributes.OtherError, "The attempt ended without an outcome.");

    internal void AddContentEvent(string attribute, string json) =>
        Activity?.AddEvent(new ActivityEvent(GenAiAttributes.OperationDetailsEvent,
            tags: new ActivityTagsCollection { [attribute] = json }));

    private bool Begin(out double seconds)
    {
        seconds = _time.GetElapsedTime(_startedAt).TotalSeconds;
        if (_ended) return false;
        _ended = true;
        // The log line is written inside the attempt span so that it carries its trace and span ids.
        if (Activity is not null) Activity.Current = Activity;
        return true;
    }

    private void RecordTokens(TagList tags, string tokenType, int count)
    {
        tags.Add(GenAiAttributes.TokenType, tokenType);
        _metrics.TokenUsage.Record(count, tags);
    }

    private TagList BaseTags()
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, _info.Operation },
            { GenAiAttributes.ProviderName, _info.Provider },
            { GenAiAttributes.RequestModel, _info.UpstreamModel },
        };
        if (_info.Server is { } server)
        {
            tags.Add(GenAiAttributes.ServerAddress, server.Host);
            tags.Add(GenAiAttributes.ServerPort, server.Port);
        }
        return tags;
    }
}
