using System.Text;
using System.Text.Json;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers.OpenAiCompatible;
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

    [Fact]
    public void An_anthropic_request_is_restated_as_an_openai_body()
    {
        var request = AnthropicRequestParser.Parse(Body("""
            {"model":"claude","max_tokens":50,"system":"Be brief \u00e9","temperature":0.25,"top_p":0.9,"stop_sequences":["\n\nHuman:","END"],
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]}]}
            """));

        Encoding.UTF8.GetString(UpstreamRequestBody.Write(request, "upstream").Span).ShouldBe(
            """{"model":"upstream","messages":[{"role":"system","content":"Be brief \u00E9"},{"role":"user","content":"Hi there"}],"max_tokens":50,"temperature":0.25,"top_p":0.9,"stop":["\n\nHuman:","END"]}""");
    }

    private static JsonElement Body(string json) => JsonElement.Parse(json);
}
