using System.Text;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>The official OpenAI .NET SDK works against the gateway with only its endpoint and key changed.</summary>
public sealed class OpenAiSdkTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start();

    [Fact]
    public async Task Chat_completion_returns_text_and_usage()
    {
        var client = _gateway.CreateChatClient("openai/gpt-4o-mini");

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Say hello")], new ChatCompletionOptions { MaxOutputTokenCount = 16 });

        completion.Content[0].Text.ShouldNotBeNullOrWhiteSpace();
        completion.Model.ShouldBe("openai/gpt-4o-mini");
        completion.Usage.InputTokenCount.ShouldBeGreaterThan(0);
        completion.Usage.OutputTokenCount.ShouldBeInRange(1, 16);
        completion.FinishReason.ShouldBeOneOf(ChatFinishReason.Stop, ChatFinishReason.Length);
    }

    [Fact]
    public async Task Streaming_chat_completion_delivers_chunks_then_usage()
    {
        var client = _gateway.CreateChatClient("meta-llama/llama-3.1-8b-instruct");
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream please")], new ChatCompletionOptions { MaxOutputTokenCount = 30 }))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        updates.ShouldBeGreaterThan(2);
        text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(usage!.OutputTokenCount);
        usage.InputTokenCount.ShouldBeGreaterThan(0);
        finish.ShouldNotBeNull();
    }

    [Fact]
    public async Task Model_list_contains_the_configured_catalog()
    {
        var models = await _gateway.CreateOpenAiClient().GetOpenAIModelClient().GetModelsAsync();

        models.Value.Count.ShouldBeGreaterThanOrEqualTo(15);
        models.Value.Select(model => model.Id).ShouldContain("meta-llama/llama-3.3-70b-instruct");
    }

    [Fact]
    public async Task Wrong_key_surfaces_as_401_in_the_sdk()
    {
        var client = _gateway.CreateOpenAiClient("gwz-wrong-key-000000").GetChatClient("openai/gpt-4o");

        var failure = await Should.ThrowAsync<System.ClientModel.ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        failure.Status.ShouldBe(401);
    }

    public void Dispose() => _gateway.Dispose();
}
