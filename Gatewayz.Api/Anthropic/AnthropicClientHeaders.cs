using Gatewayz.Api.Auth;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// What tells an Anthropic client on an endpoint both APIs share (<c>/v1/models</c>): the Anthropic SDKs send
/// <c>anthropic-version</c> on every request, and their key in <c>x-api-key</c>.
/// </summary>
public sealed class AnthropicClientHeaders : IErrorFormatSelector
{
    public const string VersionHeader = "anthropic-version";

    /// <summary>As endpoint metadata: Anthropic's error format for a request from an Anthropic client, OpenAI's otherwise.</summary>
    public static readonly AnthropicClientHeaders ErrorFormat = new();

    /// <summary><c>anthropic-version</c> is present: the client reads Anthropic's response shapes.</summary>
    public static bool WantsAnthropicShape(HttpRequest request) => request.Headers.ContainsKey(VersionHeader);

    /// <summary><c>anthropic-version</c> or <c>x-api-key</c> is present: the client reads Anthropic's errors.</summary>
    public static bool IsAnthropicClient(HttpRequest request) =>
        WantsAnthropicShape(request) || request.Headers.ContainsKey(ApiKeyAuthenticator.XApiKeyHeader);

    public IErrorFormat Select(HttpRequest request) =>
        IsAnthropicClient(request) ? AnthropicErrorFormat.Instance : OpenAiErrorFormat.Instance;
}
