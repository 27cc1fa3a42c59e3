using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Responses;

/// <summary>
/// A response's <c>status</c> and, when incomplete, <c>incomplete_details.reason</c>: an answer cut at the output
/// limit (finish reason <c>length</c>) is <c>incomplete</c> for <c>max_output_tokens</c>, one the upstream's filter
/// stopped for <c>content_filter</c>; any other finished answer is <c>completed</c>.
/// </summary>
public readonly record struct ResponseStatus(string Status, string? IncompleteReason = null)
{
    public static readonly ResponseStatus InProgress = new("in_progress");
    public static readonly ResponseStatus Completed = new("completed");
    public static readonly ResponseStatus Failed = new("failed");

    public static ResponseStatus Of(string finishReason) => finishReason switch
    {
        FinishReasons.Length => new("incomplete", "max_output_tokens"),
        FinishReasons.ContentFilter => new("incomplete", "content_filter"),
        _ => Completed,
    };

    /// <summary>The <c>status</c> of the output items of a response in this state: a response that did not complete leaves them incomplete.</summary>
    public string ItemStatus => Status is "in_progress" or "completed" ? Status : "incomplete";
}
