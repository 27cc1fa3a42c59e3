using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers;

/// <summary>A request as one provider should receive it.</summary>
public sealed record ProviderCall(ChatRequest Request, string UpstreamModel);
