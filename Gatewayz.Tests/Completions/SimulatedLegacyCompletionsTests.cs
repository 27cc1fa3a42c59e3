using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Completions;

/// <summary>The simulated providers' legacy completions (raw HTTP: OpenAI's .NET SDK 2.x has no legacy completions client).</summary>
public sealed class SimulatedLegacyCompletionsTests : IDisposable
{
    private const string Path = "/v1/completions";
    private const string Instruct = "openai/gpt-3.5-turbo-instruct";
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task Each_prompt_gets_n_texts_with_finish_reasons_and_usage()
    {
        var answer = await _gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Instruct}}","prompt":["Once upon","a time"],"n":2,"max_tokens":5}""");

        answer.GetProperty("object").GetString().ShouldBe("text_completion");
        answer.GetProperty("id").GetString().ShouldStartWith("cmpl-");
        answer.GetProperty("model").GetString().ShouldBe(Instruct);
        var choices = answer.GetProperty("choices").EnumerateArray().ToList();
        choices.Select(choice => choice.GetProperty("index").GetInt32()).ShouldBe([0, 1, 2, 3]);
        var words = 0;
        foreach (var choice in choices)
        {
            var text = choice.GetProperty("text").GetString()!;
            text.ShouldNotBeNullOrWhiteSpace();
            var count = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            count.ShouldBeLessThanOrEqualTo(5);
            words += count;
            choice.GetProperty("finish_reason").GetString().ShouldBeOneOf("stop", "length");
            choice.GetProperty("logprobs").ValueKind.ShouldBe(JsonValueKind.Null);
        }
        var usage = answer.GetProperty("usage");
        usage.GetProperty("completion_tokens").GetInt32().ShouldBe(words);
        usage.GetProperty("prompt_tokens").GetInt32().ShouldBeGreaterThan(0);
        usage.GetProperty("total_tokens").GetInt32().ShouldBe(usage.GetProperty("prompt_tokens").GetInt32() + words);
    }

    [Fact]
    public async Task Echo_starts_the_text_with_the_prompt()
    {
        var answer = await _gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Instruct}}","prompt":"Echo me:","echo":true,"max_tokens":3}""");

        answer.GetProperty("choices")[0].GetProperty("text").GetString().ShouldStartWith("Echo me:");
    }

    [Fact]
    public async Task Max_tokens_of_zero_is_an_empty_text_cut_by_length()
    {
        var answer = await _gateway.PostJsonOkAsync(Path, $$"""{"model":"{{Instruct}}","prompt":"x","max_tokens":0}""");

        var choice = answer.GetProperty("choices")[0];
        choice.GetProperty("text").GetString().ShouldBe("");
        choice.GetProperty("finish_reason").GetString().ShouldBe("length");
        answer.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(0);
    }
}
