using System.Text.Json;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>Message content flattening and the field names the parsers report only when a message is invalid.</summary>
public sealed class ChatRequestParserTests
{
    [Fact]
    public void Content_parts_are_joined_and_a_single_part_is_its_text()
    {
        var request = OpenAiChatRequestParser.Parse(Body("""
            {"model":"m","messages":[
              {"role":"user","content":[{"type":"text","text":"one"}]},
              {"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"b"}]},
              {"role":"assistant","content":null}]}
            """));

        request.Messages.Select(message => message.Content).ShouldBe(["one", "ab", ""]);
    }

    [Fact]
    public void Assistant_tool_calls_count_toward_the_prompt_estimate()
    {
        var withCall = OpenAiChatRequestParser.Parse(Body("""
            {"model":"m","messages":[{"role":"assistant","content":"Checking.","tool_calls":[
              {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"unit\":\"celsius\",\"days\":7}"}}]}]}
            """));
        var withoutCall = OpenAiChatRequestParser.Parse(Body("""{"model":"m","messages":[{"role":"assistant","content":"Checking."}]}"""));

        withCall.Messages[0].Parts.ShouldBe([new TextPart("Checking."), new ToolCallPart("call_1", "get_weather", """{"city":"Paris","unit":"celsius","days":7}""")]);
        withCall.Messages[0].Content.ShouldBe("Checking.");
        withCall.EstimatedInputTokens.ShouldBeGreaterThan(withoutCall.EstimatedInputTokens + 10);
    }

    [Fact]
    public void Invalid_content_names_the_openai_message_it_belongs_to()
    {
        var failure = Should.Throw<GatewayException>(() => OpenAiChatRequestParser.Parse(Body(
            """{"model":"m","messages":[{"role":"user","content":"ok"},{"role":"user","content":42}]}""")));

        failure.Error.Param.ShouldBe("messages[1].content");
    }

    [Fact]
    public void Invalid_content_names_the_anthropic_message_it_belongs_to()
    {
        var failure = Should.Throw<GatewayException>(() => AnthropicRequestParser.Parse(Body(
            """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"ok"},{"role":"assistant","content":"ok"},{"role":"user","content":{}}]}""")));

        failure.Error.Param.ShouldBe("messages[2].content");
    }

    private static JsonElement Body(string json) => JsonElement.Parse(json);
}
