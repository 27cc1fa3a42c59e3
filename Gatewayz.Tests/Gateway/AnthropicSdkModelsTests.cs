using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The official Anthropic .NET SDK's Models API (<c>client.Models.List</c>, <c>Retrieve</c>) and token count
/// (<c>client.Messages.CountTokens</c>) work against the gateway with only the base URL and key changed.
/// </summary>
public sealed class AnthropicSdkModelsTests : IDisposable
{
    private const string ColonModel = "acme/tiny:free";

    private readonly GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?>
    {
        ["Gatewayz:ModelList:0:Id"] = ColonModel,
        ["Gatewayz:ModelList:0:Routes:0:Provider"] = "openrouter",
    });

    [Fact]
    public async Task List_pages_through_the_whole_catalog()
    {
        var client = _gateway.CreateAnthropicClient();

        var firstPage = await client.Models.List(new ModelListParams { Limit = 5 });
        var ids = new List<string>();
        await foreach (var model in firstPage.Paginate())
        {
            model.Type.ToString().ShouldContain("model", Case.Insensitive);
            model.DisplayName.ShouldBe(model.ID);
            model.CreatedAt.ShouldBe(DateTimeOffset.UnixEpoch);
            ids.Add(model.ID);
        }

        firstPage.Items.Count.ShouldBe(5);
        firstPage.HasNext().ShouldBeTrue();
        ids.Count.ShouldBe(22);
        ids.ShouldBeUnique();
        ids.ShouldContain(ColonModel);
        ids.ShouldContain("anthropic/claude-3-5-haiku");
    }

    [Theory]
    [InlineData("anthropic/claude-3-5-sonnet")]
    [InlineData(ColonModel)]
    public async Task Retrieve_finds_ids_with_slashes_and_colons(string id)
    {
        var model = await _gateway.CreateAnthropicClient().Models.Retrieve(id);

        model.ID.ShouldBe(id);
        model.DisplayName.ShouldBe(id);
        model.CreatedAt.ShouldBe(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task Retrieve_of_an_unknown_model_throws_not_found()
    {
        await Should.ThrowAsync<AnthropicNotFoundException>(() => _gateway.CreateAnthropicClient().Models.Retrieve("acme/no-such:model"));
    }

    [Fact]
    public async Task An_unknown_key_throws_unauthorized()
    {
        var client = _gateway.CreateAnthropicClient(apiKey: "gwz-not-a-key");

        await Should.ThrowAsync<AnthropicUnauthorizedException>(() => client.Models.List());
        await Should.ThrowAsync<AnthropicUnauthorizedException>(() => client.Messages.CountTokens(Count("Hello")));
    }

    [Fact]
    public async Task CountTokens_grows_with_more_text_and_tools()
    {
        var client = _gateway.CreateAnthropicClient();

        var hello = await client.Messages.CountTokens(Count("Hello"));
        var longer = await client.Messages.CountTokens(Count(string.Concat(Enumerable.Repeat("Hello there, how are you? ", 20))));
        var withTool = await client.Messages.CountTokens(Count(string.Concat(Enumerable.Repeat("Hello there, how are you? ", 20))) with
        {
            System = "Answer in French.",
            Tools = [new Tool
            {
                Name = "get_weather",
                Description = "The weather in a city.",
                InputSchema = new InputSchema
                {
                    Properties = new Dictionary<string, JsonElement> { ["city"] = JsonElement.Parse("""{"type":"string","description":"The city's English name."}""") },
                    Required = ["city"],
                },
            }],
        });

        hello.InputTokens.ShouldBeGreaterThan(0);
        longer.InputTokens.ShouldBeGreaterThan(hello.InputTokens + 100);
        withTool.InputTokens.ShouldBeGreaterThan(longer.InputTokens + 10);
    }

    [Fact]
    public async Task CountTokens_of_an_unknown_model_throws_not_found()
    {
        await Should.ThrowAsync<AnthropicNotFoundException>(() =>
            _gateway.CreateAnthropicClient().Messages.CountTokens(Count("Hello") with { Model = "acme/no-such:model" }));
    }

    private static MessageCountTokensParams Count(string text) => new()
    {
        Model = "anthropic/claude-3-5-haiku",
        Messages = [new UserMessageParam { Content = text }],
    };

    public void Dispose() => _gateway.Dispose();
}
