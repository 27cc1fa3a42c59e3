using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A request field the simulated upstream cannot honour is refused as OpenAI refuses it: a 400 whose
/// error names the field (<c>param</c>) and why (<c>code</c>), passed on to the client without failover.
/// </summary>
public sealed class SimulatedRejectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Model = "meta-llama/llama-3.1-8b-instruct";
    private const string Weather = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}""";

    [Theory]
    [InlineData("\"n\":0", "n", "integer_below_min_value")]
    [InlineData("\"n\":129", "n", "integer_above_max_value")]
    [InlineData("\"n\":\"3\"", "n", "invalid_type")]
    [InlineData("\"tools\":[" + Weather + "],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}", "tool_choice", "invalid_value")]
    [InlineData("\"tools\":[" + Weather + "],\"tool_choice\":\"sometimes\"", "tool_choice", "invalid_value")]
    [InlineData("\"tool_choice\":\"required\"", "tool_choice", "invalid_value")]
    [InlineData("\"tools\":[{\"type\":\"retrieval\"}]", "tools[0].type", "invalid_value")]
    [InlineData("\"tools\":[" + Weather + ",{\"type\":\"function\",\"function\":{\"description\":\"no name\"}}]", "tools[1].function.name", "missing_required_parameter")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"has space\"}}]", "tools[0].function.name", "invalid_value")]
    [InlineData("\"stop\":5", "stop", "invalid_type")]
    [InlineData("\"logprobs\":true,\"top_logprobs\":21", "top_logprobs", "integer_above_max_value")]
    [InlineData("\"top_logprobs\":2", "top_logprobs", "invalid_value")]
    [InlineData("\"reasoning_effort\":\"extreme\"", "reasoning_effort", "invalid_value")]
    [InlineData("\"reasoning_effort\":2", "reasoning_effort", "invalid_type")]
    public async Task Invalid_field_is_refused_with_a_400_naming_it(string fields, string param, string code)
    {
        foreach (var stream in new[] { false, true })
        {
            using var response = await PostAsync($$"""{"model":"{{Model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}],{{fields}}}""");

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Headers.GetValues("x-gatewayz-provider").ShouldHaveSingleItem();
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
            error.GetProperty("param").GetString().ShouldBe(param);
            error.GetProperty("code").GetString().ShouldBe(code);
            error.GetProperty("message").GetString()!.ShouldContain(param.Split('[')[0]);
        }
    }

    [Fact]
    public async Task Openai_sdk_sees_a_400_for_a_tool_choice_naming_a_function_not_in_tools()
    {
        var client = fixture.Gateway.CreateChatClient(Model);
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "The weather", BinaryData.FromString("""{"type":"object","properties":{}}""")) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("launch_rocket"),
        };

        var failure = await Should.ThrowAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("go")], options));

        failure.Status.ShouldBe(400);
        failure.Message.ShouldContain("launch_rocket");
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        return await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
    }
}
