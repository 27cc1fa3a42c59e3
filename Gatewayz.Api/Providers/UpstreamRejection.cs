namespace Gatewayz.Api.Providers;

/// <summary>
/// The upstream's own account of why it rejected a request with a 4xx that is the client's to fix
/// (context too long, unknown model, bad parameter), cleaned of anything the client must not see.
/// </summary>
/// <param name="Provider">The provider that answered.</param>
/// <param name="Status">The upstream's status code, passed on to the client.</param>
/// <param name="Message">The upstream's <c>error.message</c>, or a gateway message with a bounded excerpt of a body that was not an OpenAI error.</param>
/// <param name="Param">The upstream's <c>error.param</c>, if it named one.</param>
/// <param name="Code">The upstream's <c>error.code</c> (as text), if it gave one.</param>
/// <param name="OpenAiError">The upstream's whole <c>error</c> object as UTF-8 JSON, extra fields included; null when the body was not an OpenAI error.</param>
/// <param name="AnthropicError">
/// The same from an Anthropic upstream (<c>{"type":"error","error":{"type","message"}}</c>): its <c>error</c>
/// object, which an Anthropic client receives as it was sent; <paramref name="Code"/> is then its <c>type</c>.
/// </param>
public sealed record UpstreamRejection(string Provider, int Status, string Message, string? Param, string? Code, byte[]? OpenAiError, byte[]? AnthropicError = null)
{
    /// <summary>
    /// What the gateway itself records of an error the upstream reported in its answer (the failure's message, in logs,
    /// spans and the monitoring API's recent errors): the provider and the upstream's error code when it is an
    /// identifier, never <see cref="Message"/>, which often quotes the client's request back. The client still gets
    /// the upstream's own words, from this rejection.
    /// </summary>
    public string ReportedBy(string provider) =>
        Code is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $"{provider} reported an error in its answer ({code})."
            : $"{provider} reported an error in its answer.";
}
