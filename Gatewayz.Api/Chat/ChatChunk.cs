using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Chat;

/// <summary>
/// One event of a streamed answer. <see cref="Content"/> (the text of choice 0), <see cref="FinishReason"/>
/// (of choice 0) and <see cref="Usage"/> are what the gateway itself needs and what a single-answer format such as
/// Anthropic's can be translated from; an HTTP upstream also hands over the event as it sent it, tagged
/// with its format (<see cref="Payload"/>), which a client of the same format receives unchanged.
/// </summary>
public readonly record struct ChatChunk(string? Content, string? FinishReason = null, TokenUsage? Usage = null)
{
    /// <summary>The event's data (and name) as the upstream sent it; empty when the provider hands over no wire bytes.</summary>
    public UpstreamPayload Payload { get; init; }

    /// <summary>
    /// Characters of output in this event over every choice — text, tool-call arguments, refusal,
    /// reasoning — from which usage is estimated when the upstream reports none.
    /// </summary>
    public int OutputCharacters { get; init; }

    /// <summary>
    /// Nothing but a role or empty text: such events are held back until one with output arrives, so
    /// that the attempt can still fail over if the upstream breaks off before answering.
    /// </summary>
    public bool CarriesNothing { get; init; }

    /// <summary>
    /// The usage report alone (no choices), which the gateway asks every upstream for: a client that did
    /// not ask for <c>stream_options.include_usage</c> does not get it.
    /// </summary>
    public bool UsageOnly { get; init; }

    /// <summary>Whether a choice other than 0 finished in this event (answers with <c>n</c> above 1).</summary>
    public bool OtherChoiceFinished { get; init; }
}
