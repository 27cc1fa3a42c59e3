using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The gateway's own estimate counts an image by Anthropic's published rule — width × height / 750 tokens, after
/// scaling the long edge down to 1,568 px, at most 1,600 — reading the size from the header of base64 PNG, GIF,
/// JPEG and WebP data, and 1,600 when it cannot; <c>count_tokens</c> answers it and the simulated providers report it
/// as <c>prompt_tokens</c>.
/// </summary>
public sealed class ImageTokenEstimateTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Model = "meta-llama/llama-3.3-70b-instruct";

    public static TheoryData<string, string, int> Images => new()
    {
        { "image/png", ImageHeaders.Png(1000, 500), 667 },
        { "image/png", ImageHeaders.Png(4000, 100), 82 },        // long edge scaled to 1568: 1568 × 39.2 / 750
        { "image/gif", ImageHeaders.Gif(800, 600), 640 },
        { "image/jpeg", ImageHeaders.Jpeg(200, 100), 27 },      // its frame header after 20 KB of metadata
        { "image/jpeg", ImageHeaders.Jpeg(1092, 1092, metadataBytes: 60_000), 1590 },
        { "image/webp", ImageHeaders.WebPLossy(640, 480), 410 },
        { "image/webp", ImageHeaders.WebPLossless(1568, 100), 210 },
        { "image/webp", ImageHeaders.WebPExtended(3000, 1500), 1600 }, // scaled to 1568 × 784, over the cap
        { "image/png", "iVBORw0KGgo=", 1600 },                  // a signature, no size
        { "image/png", "not base64 at all, but long enough to try", 1600 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void An_image_counts_by_its_size_read_from_its_header(string mediaType, string data, int tokens)
    {
        TokenEstimator.CountImage(new ImagePart(null, mediaType, data)).ShouldBe(tokens);
        TokenEstimator.CountImage(new ImagePart($"data:{mediaType};base64,{data}")).ShouldBe(tokens);
    }

    [Fact]
    public void An_image_given_by_url_counts_the_flat_estimate()
    {
        TokenEstimator.CountImage(new ImagePart("https://example.com/cat.png")).ShouldBe(TokenEstimator.TokensPerImage);
    }

    [Fact]
    public async Task Count_tokens_counts_an_image_by_its_size()
    {
        var without = await CountTokensAsync([new { type = "text", text = "What is this?" }]);
        var with = await CountTokensAsync([Image("image/png", ImageHeaders.Png(1000, 500)), new { type = "text", text = "What is this?" }]);
        var byUrl = await CountTokensAsync([new { type = "image", source = new { type = "url", url = "https://example.com/cat.png" } }, new { type = "text", text = "What is this?" }]);

        with.ShouldBe(without + 667);
        byUrl.ShouldBe(without + 1600);
    }

    [Fact]
    public async Task A_simulated_provider_reports_the_image_in_its_prompt_tokens()
    {
        var without = await InputTokensAsync([new { type = "text", text = "Describe it" }]);
        var with = await InputTokensAsync([Image("image/gif", ImageHeaders.Gif(800, 600)), new { type = "text", text = "Describe it" }]);

        with.ShouldBe(without + 640);
    }

    private static object Image(string mediaType, string data) => new { type = "image", source = new { type = "base64", media_type = mediaType, data } };

    private async Task<int> CountTokensAsync(object[] content)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/messages/count_tokens", new { model = Model, messages = new[] { new { role = "user", content } } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("input_tokens").GetInt32();
    }

    /// <summary>The <c>input_tokens</c> of a simulated answer to an Anthropic client: the simulator's <c>prompt_tokens</c>.</summary>
    private async Task<int> InputTokensAsync(object[] content)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/messages", new { model = Model, max_tokens = 16, messages = new[] { new { role = "user", content } } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage").GetProperty("input_tokens").GetInt32();
    }
}
