using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The simulated providers answer in OpenAI's wire format, as an upstream would — several choices
/// (<c>n</c>), stop sequences, log probabilities — and the gateway relays those bytes to OpenAI clients
/// and translates them for Anthropic's.
/// </summary>
public sealed class SimulatedAnswerTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Model = "meta-llama/llama-3.3-70b-instruct";

    [Fact]
    public async Task Completion_body_is_shaped_like_openais()
    {
        var body = await PostAsync(new { model = Model, messages = Ask("Describe the gateway") });

        body.GetProperty("id").GetString().ShouldStartWith("chatcmpl-");
        body.GetProperty("object").GetString().ShouldBe("chat.completion");
        body.GetProperty("created").GetInt64().ShouldBeGreaterThan(1_700_000_000);
        body.GetProperty("model").GetString().ShouldBe(Model);
        body.GetProperty("system_fingerprint").GetString()!.ShouldMatch("^fp_[0-9a-f]{10}$");
        var choice = body.GetProperty("choices").EnumerateArray().ShouldHaveSingleItem();
        choice.GetProperty("index").GetInt32().ShouldBe(0);
        choice.GetProperty("message").GetProperty("role").GetString().ShouldBe("assistant");
        choice.GetProperty("message").GetProperty("refusal").ValueKind.ShouldBe(JsonValueKind.Null);
        choice.GetProperty("logprobs").ValueKind.ShouldBe(JsonValueKind.Null);
        var words = WordsOf(choice.GetProperty("message").GetProperty("content").GetString()!);
        var usage = body.GetProperty("usage");
        usage.GetProperty("completion_tokens").GetInt32().ShouldBe(words);
        usage.GetProperty("total_tokens").GetInt32().ShouldBe(usage.GetProperty("prompt_tokens").GetInt32() + words);
    }

    [Fact]
    public async Task Stream_sends_the_role_first_then_text_then_the_finish_reason_then_the_usage_alone()
    {
        var events = await StreamAsync(new { model = Model, stream = true, stream_options = new { include_usage = true }, messages = Ask("Stream it") });

        events.ShouldAllBe(data => data.GetProperty("object").GetString() == "chat.completion.chunk" && data.GetProperty("model").GetString() == Model);
        events.Select(data => data.GetProperty("id").GetString()).Distinct().Count().ShouldBe(1);
        var first = events[0].GetProperty("choices")[0].GetProperty("delta");
        first.GetProperty("role").GetString().ShouldBe("assistant");
        first.GetProperty("content").GetString().ShouldBe("");
        var finish = events[^2].GetProperty("choices")[0];
        finish.GetProperty("delta").EnumerateObject().ShouldBeEmpty();
        finish.GetProperty("finish_reason").GetString().ShouldBeOneOf("stop", "length");
        events[^1].GetProperty("choices").GetArrayLength().ShouldBe(0);
        var text = string.Concat(events[1..^2].Select(data => data.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        events[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(WordsOf(text));
        events[..^1].ShouldAllBe(data => data.GetProperty("usage").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task N_of_three_returns_three_choices_each_with_its_own_text_and_usage_over_all()
    {
        var body = await PostAsync(new { model = Model, n = 3, messages = Ask("Give me options") });

        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        choices.Select(choice => choice.GetProperty("index").GetInt32()).ShouldBe([0, 1, 2]);
        var texts = choices.Select(choice => choice.GetProperty("message").GetProperty("content").GetString()!).ToList();
        texts.Distinct().Count().ShouldBe(3);
        body.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(texts.Sum(WordsOf));
        // Choice 0 is the answer a request for one choice gets.
        var single = await PostAsync(new { model = Model, messages = Ask("Give me options") });
        texts[0].ShouldBe(single.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task N_of_three_streams_every_choice_under_its_index_from_role_to_finish_reason()
    {
        var events = await StreamAsync(new { model = Model, n = 3, stream = true, stream_options = new { include_usage = true }, messages = Ask("Give me options") });

        var perChoice = events.Where(data => data.GetProperty("choices").GetArrayLength() == 1)
            .GroupBy(data => data.GetProperty("choices")[0].GetProperty("index").GetInt32())
            .ToDictionary(group => group.Key, group => group.Select(data => data.GetProperty("choices")[0]).ToList());
        perChoice.Keys.Order().ShouldBe([0, 1, 2]);
        var texts = new List<string>();
        foreach (var (_, choice) in perChoice)
        {
            choice[0].GetProperty("delta").GetProperty("role").GetString().ShouldBe("assistant");
            choice[^1].GetProperty("finish_reason").GetString().ShouldBeOneOf("stop", "length");
            choice[..^1].ShouldAllBe(chunk => chunk.GetProperty("finish_reason").ValueKind == JsonValueKind.Null);
            choice.Count.ShouldBeGreaterThan(3);
            texts.Add(string.Concat(choice[..^1].Select(chunk => chunk.GetProperty("delta").GetProperty("content").GetString())));
        }
        texts.Distinct().Count().ShouldBe(3);
        events[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(texts.Sum(WordsOf));
        // Side by side, as an upstream generates them: choice 2 has begun before choice 0 is done.
        var order = events.Where(data => data.GetProperty("choices").GetArrayLength() == 1)
            .Select(data => data.GetProperty("choices")[0].GetProperty("index").GetInt32()).ToList();
        order.IndexOf(2).ShouldBeLessThan(order.LastIndexOf(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_sequence_ends_the_text_before_its_first_occurrence(bool stream)
    {
        var client = fixture.Gateway.CreateChatClient(Model);
        var full = await AnswerAsync(client, new ChatCompletionOptions(), stream);
        var words = full.Text.Split(' ');
        words.Length.ShouldBeGreaterThan(8);
        var stop = " " + words[5];

        var cut = await AnswerAsync(client, new ChatCompletionOptions { StopSequences = { stop, "no such words" } }, stream);

        cut.Text.ShouldBe(full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)]);
        cut.Text.ShouldNotContain(stop);
        cut.Finish.ShouldBe(ChatFinishReason.Stop);
        cut.OutputTokens.ShouldBe(WordsOf(cut.Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logprobs_give_every_token_a_log_probability_and_its_top_alternatives(bool stream)
    {
        var client = fixture.Gateway.CreateChatClient(Model);

        var answer = await AnswerAsync(client, new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 3 }, stream);

        answer.LogProbs.Count.ShouldBe(answer.OutputTokens);
        string.Concat(answer.LogProbs.Select(token => token.Token)).ShouldBe(answer.Text);
        foreach (var token in answer.LogProbs)
        {
            token.LogProbability.ShouldBeLessThanOrEqualTo(0);
            token.Utf8Bytes?.ToArray().ShouldBe(Encoding.UTF8.GetBytes(token.Token));
            token.TopLogProbabilities.Count.ShouldBe(3);
            token.TopLogProbabilities[0].Token.ShouldBe(token.Token);
            token.TopLogProbabilities.Select(alternative => alternative.Token).Distinct().Count().ShouldBe(3);
            token.TopLogProbabilities.Select(alternative => alternative.LogProbability).ShouldBeInOrder(SortDirection.Descending);
            token.TopLogProbabilities.Sum(alternative => Math.Exp(alternative.LogProbability)).ShouldBeLessThanOrEqualTo(1.0001);
        }
    }

    [Fact]
    public async Task Messages_endpoint_answers_with_the_text_the_chat_endpoint_relays()
    {
        var chat = await PostAsync(new { model = Model, max_tokens = 40, messages = Ask("Same question") });
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/messages", new { model = Model, max_tokens = 40, messages = Ask("Same question") });
        response.EnsureSuccessStatusCode();
        var message = await response.Content.ReadFromJsonAsync<JsonElement>();

        var text = chat.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        message.GetProperty("content")[0].GetProperty("text").GetString().ShouldBe(text);
        message.GetProperty("usage").GetProperty("output_tokens").GetInt32().ShouldBe(chat.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        message.GetProperty("stop_reason").GetString().ShouldBe(chat.GetProperty("choices")[0].GetProperty("finish_reason").GetString() == "length" ? "max_tokens" : "end_turn");
    }

    private sealed record Answer(string Text, ChatFinishReason? Finish, int OutputTokens, List<ChatTokenLogProbabilityDetails> LogProbs);

    private static object[] Ask(string content) => [new { role = "user", content }];

    private static int WordsOf(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task<Answer> AnswerAsync(ChatClient client, ChatCompletionOptions options, bool stream)
    {
        List<ChatMessage> messages = [new UserChatMessage("Explain routing in detail")];
        if (!stream)
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, options);
            return new Answer(completion.Content[0].Text, completion.FinishReason, completion.Usage.OutputTokenCount, [.. completion.ContentTokenLogProbabilities]);
        }
        var text = new StringBuilder();
        var logProbs = new List<ChatTokenLogProbabilityDetails>();
        ChatFinishReason? finish = null;
        var outputTokens = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            logProbs.AddRange(update.ContentTokenLogProbabilities);
            finish ??= update.FinishReason;
            outputTokens = update.Usage?.OutputTokenCount ?? outputTokens;
        }
        return new Answer(text.ToString(), finish, outputTokens, logProbs);
    }

    private async Task<JsonElement> PostAsync(object body)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> StreamAsync(object body)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);
        response.EnsureSuccessStatusCode();
        return ServerSentEvents.DataOf(await response.Content.ReadAsStringAsync());
    }
}
