using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>Image blocks sent with the official Anthropic .NET SDK reach an OpenAI-compatible upstream as <c>image_url</c> parts.</summary>
public sealed class AnthropicSdkImageTests : IAsyncLifetime
{
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Fact]
    public async Task Base64_and_url_images_reach_the_upstream_as_image_url_parts_between_the_text()
    {
        await _relay.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = RelayGateway.Model,
            MaxTokens = 64,
            Messages =
            [
                new UserMessageParam
                {
                    Content = new List<ContentBlockParam>
                    {
                        new TextBlockParam { Text = "Which of these is older?" },
                        new ImageBlockParam { Source = new Base64ImageSource { Data = OnePixelPng, MediaType = MediaType.ImagePng } },
                        new ImageBlockParam { Source = new UrlImageSource { Url = "https://example.com/lighthouse.jpg" } },
                    },
                },
            ],
        });

        _relay.UpstreamRequest.GetProperty("messages").ShouldBeJson($$$"""
            [{"role":"user","content":[
              {"type":"text","text":"Which of these is older?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,{{{OnePixelPng}}}"}},
              {"type":"image_url","image_url":{"url":"https://example.com/lighthouse.jpg"}}]}]
            """);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
