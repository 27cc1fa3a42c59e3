using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Wire;

/// <summary>
/// Restates a client's request in another wire format, for an upstream that speaks that format. Each client
/// format has one; <see cref="ChatRequest.BodyFor"/> calls it at most once per target format, when the first
/// route of that format is tried, so a request one format cannot express can still be served by a route of
/// another.
/// </summary>
public interface IRequestTranslator
{
    /// <summary>
    /// The request as a body of <paramref name="target"/>'s format, its <c>model</c> the client's model id
    /// (each provider writes its upstream's id in its place).
    /// </summary>
    /// <exception cref="GatewayException">A 400 naming the first field or part <paramref name="target"/> cannot express.</exception>
    JsonElement Translate(ChatRequest request, WireFormat target);
}
