using Gatewayz.Api.Providers;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// A request that <see cref="RouteExecutor"/> serves from a model's routes, whatever its operation (a chat, an
/// embedding): what admission reads of it, and whether a route's provider can take it at all.
/// </summary>
public interface IRoutedRequest
{
    /// <summary>The <c>model</c> field, as the client named it (a catalog id, case-insensitive).</summary>
    string Model { get; }

    /// <summary>The prompt's size in tokens, estimated without a tokenizer: the token budget taken at admission, and the usage when an upstream reports none.</summary>
    int EstimatedInputTokens { get; }

    /// <summary>
    /// Why <paramref name="provider"/> cannot be sent this request (its format cannot express it, its kind does not
    /// serve the operation), or null when it can. A refused route is skipped without an attempt.
    /// </summary>
    RouteRefusal? RefusalBy(IChatProvider provider);
}
