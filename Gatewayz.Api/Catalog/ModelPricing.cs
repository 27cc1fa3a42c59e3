using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Catalog;

/// <summary>
/// What a model's answers cost, in US dollars: per million input and output tokens, and per generated image
/// (<c>POST /v1/images/generations</c>). An answer pays for everything its usage counts.
/// </summary>
public sealed class ModelPricing
{
    public decimal InputPerMillion { get; set; }
    public decimal OutputPerMillion { get; set; }

    /// <summary>US dollars per image an image answer carries (its <c>data</c> items); 0 when images are free or the model makes none.</summary>
    public decimal PerImage { get; set; }

    public decimal CostOf(int inputTokens, int outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;

    /// <summary>The cost of one answer's usage: its tokens at the token prices, its images at <see cref="PerImage"/>.</summary>
    public decimal CostOf(TokenUsage usage) => CostOf(usage.InputTokens, usage.OutputTokens) + usage.Images * PerImage;
}
