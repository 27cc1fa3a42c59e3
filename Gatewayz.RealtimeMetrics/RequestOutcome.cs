namespace Gatewayz.RealtimeMetrics;

/// <summary>One upstream attempt, as the real-time store keeps it. Provider and model are catalog names.</summary>
public readonly record struct RequestOutcome(
    string Provider,
    string Model,
    DateTimeOffset At,
    double LatencyMs,
    bool Success,
    string? ErrorType,
    string? ErrorMessage,
    int InputTokens,
    int OutputTokens,
    decimal Cost);
