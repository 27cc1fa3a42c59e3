namespace Gatewayz.Api.RateLimiting;

/// <summary>Amounts admitted locally for one budget, on their way to Redis.</summary>
internal readonly record struct PendingIncrement(LimitType Type, string Subject, long Window, long Amount);
