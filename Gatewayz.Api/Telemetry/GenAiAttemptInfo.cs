using Gatewayz.Api.Catalog;

namespace Gatewayz.Api.Telemetry;

/// <summary>What identifies one upstream attempt: the operation, the model the client asked for and the route taken.</summary>
/// <param name="Operation">The <c>gen_ai.operation.name</c>, for example <c>chat</c>.</param>
/// <param name="RequestModel">The gateway model the client asked for (a catalog id).</param>
/// <param name="Provider">The provider serving this attempt.</param>
/// <param name="UpstreamModel">The model id sent to the provider.</param>
/// <param name="Streaming">Whether the response is streamed.</param>
/// <param name="Server">The upstream's base address; null for in-process providers such as the simulator.</param>
public sealed record GenAiAttemptInfo(
    string Operation,
    string RequestModel,
    string Provider,
    string UpstreamModel,
    bool Streaming,
    Uri? Server = null)
{
    /// <summary>A chat attempt on <paramref name="route"/>; HTTP upstreams name their server, the simulator none.</summary>
    public static GenAiAttemptInfo Chat(CatalogModel model, ResolvedRoute route, bool streaming, ProviderOptions provider) =>
        Of(ModelOperation.Chat, model, route, streaming, provider);

    /// <summary>An attempt of <paramref name="operation"/> on <paramref name="route"/>, named as <see cref="GenAiTelemetry.OperationName"/> says.</summary>
    public static GenAiAttemptInfo Of(ModelOperation operation, CatalogModel model, ResolvedRoute route, bool streaming, ProviderOptions provider) =>
        new(GenAiTelemetry.OperationName(operation), model.Id, route.Provider, route.UpstreamModel, streaming,
            provider.Kind == ProviderKind.Simulated ? null : provider.BaseUrl);
}
