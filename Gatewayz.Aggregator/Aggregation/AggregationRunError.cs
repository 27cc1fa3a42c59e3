namespace Gatewayz.Aggregator.Aggregation;

/// <summary>The answer of <c>POST /aggregation/run</c> when it cannot run a pass: a stable code and a sentence for people.</summary>
/// <param name="Error"><c>invalid_value</c> (400, a bad query parameter) or <c>aggregation_failed</c> (503, Redis or Postgres failed).</param>
/// <param name="Message">What happened and what follows from it.</param>
public sealed record AggregationRunError(string Error, string Message);
