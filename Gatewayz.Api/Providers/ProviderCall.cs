using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers;

/// <summary>A request as one provider should receive it.</summary>
public sealed record ProviderCall(ChatRequest Request, string UpstreamModel)
{
    /// <summary>
    /// A stream attempt's time-to-first-byte deadline; a provider extends it when its upstream shows it
    /// is alive before the first chunk. Null for non-streaming calls.
    /// </summary>
    public FirstChunkDeadline? FirstChunk { get; init; }
}
