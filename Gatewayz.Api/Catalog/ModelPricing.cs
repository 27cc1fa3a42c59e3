namespace Gatewayz.Api.Catalog;

/// <summary>Price in US dollars per one million tokens.</summary>
public sealed class ModelPricing
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }

    public decimal CostOf(int inputTokens, int outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
