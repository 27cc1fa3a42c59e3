using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Images;

namespace Gatewayz.Tests.Images;

/// <summary>The simulated providers' pictures through OpenAI's .NET SDK and raw HTTP: real PNG files, deterministic per prompt.</summary>
public sealed class SimulatedImagesTests : IDisposable
{
    private const string Model = "openai/dall-e-3";
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task The_SDK_gets_a_decodable_PNG_scaled_from_the_requested_size()
    {
        var images = _gateway.CreateOpenAiClient().GetImageClient(Model);

        GeneratedImage image = await images.GenerateImageAsync("a lighthouse at dusk",
            new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = GeneratedImageSize.W1792xH1024 });

        var png = PngFile.Decode(image.ImageBytes.ToArray());
        // 1792x1024 scaled until its longer side is 256 pixels.
        (png.Width, png.Height).ShouldBe((256, 146));
        png.Pixel(0, 0).ShouldNotBe(png.Pixel(255, 145), "a gradient between two colours");
    }

    [Fact]
    public async Task The_same_prompt_gets_the_same_picture_and_another_prompt_another()
    {
        var images = _gateway.CreateOpenAiClient().GetImageClient(Model);
        var options = new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = GeneratedImageSize.W256xH256 };

        GeneratedImage first = await images.GenerateImageAsync("a red fox", options);
        GeneratedImage again = await images.GenerateImageAsync("a red fox", options);
        GeneratedImage other = await images.GenerateImageAsync("a blue whale", options);

        again.ImageBytes.ToArray().ShouldBe(first.ImageBytes.ToArray());
        other.ImageBytes.ToArray().ShouldNotBe(first.ImageBytes.ToArray());
        PngFile.Decode(first.ImageBytes.ToArray()).Width.ShouldBe(256);
    }

    [Fact]
    public async Task A_url_is_a_data_url_of_the_same_png_and_n_gives_n_pictures()
    {
        var answer = await _gateway.PostJsonOkAsync("/v1/images/generations", $$"""{"model":"{{Model}}","prompt":"three moons","n":3,"size":"auto"}""");
        var bytes = await _gateway.PostJsonOkAsync("/v1/images/generations", $$"""{"model":"{{Model}}","prompt":"three moons","n":3,"response_format":"b64_json"}""");

        var data = answer.GetProperty("data").EnumerateArray().ToList();
        data.Count.ShouldBe(3);
        answer.GetProperty("created").GetInt64().ShouldBeGreaterThan(0);
        for (var i = 0; i < data.Count; i++)
        {
            var url = data[i].GetProperty("url").GetString()!;
            url.ShouldStartWith("data:image/png;base64,");
            var png = Convert.FromBase64String(url["data:image/png;base64,".Length..]);
            png.ShouldBe(bytes.GetProperty("data")[i].GetProperty("b64_json").GetBytesFromBase64());
            // auto is 1024x1024, scaled to 256x256.
            (PngFile.Decode(png).Width, PngFile.Decode(png).Height).ShouldBe((256, 256));
        }
        data[0].GetProperty("url").GetString().ShouldNotBe(data[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Each_simulated_picture_is_charged_the_per_image_price()
    {
        await _gateway.PostJsonOkAsync("/v1/images/generations", $$"""{"model":"{{Model}}","prompt":"two cats","n":2,"size":"256x256"}""");

        var metrics = await _gateway.ScrapeMetricsAsync();
        // Two pictures at the catalog's $0.04, no token price.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(0.08, 1e-9);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("model", Model), ("status", "success")).ShouldBe(1);
    }
}
