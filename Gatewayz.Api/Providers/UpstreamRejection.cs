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
public sealed record UpstreamRejection(string Provider, int Status, string Message, string? Param, string? Code, byte[]? OpenAiError, byte[]? AnthropicError = null);
