using System.Text;
using System.Text.Json;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Tests.Infrastructure;
using Shouldly;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An Anthropic Messages request becomes, through the canonical request, the OpenAI body that says the
/// same thing: each expected body is the whole of what an OpenAI-compatible upstream receives.
/// </summary>
public sealed class AnthropicRequestTranslationTests
{
    [Fact]
    public void System_blocks_become_one_system_message_joined_by_newlines_and_parameters_keep_their_meaning()
    {
        Restated("""
            {"model":"claude","max_tokens":50,"system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in French.","cache_control":{"type":"ephemeral"}}],
             "temperature":0.25,"top_p":0.9,"top_k":40,"stop_sequences":["END","\n\nHuman:"],"metadata":{"user_id":"user-7"},
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":"there"}]}]}
            """).ShouldBeJson("""
            {"model":"upstream","messages":[{"role":"system","content":"You are terse.\nAnswer in French."},{"role":"user","content":"Hi\nthere"}],
             "max_tokens":50,"temperature":0.25,"top_p":0.9,"top_k":40,"stop":["END","\n\nHuman:"],"user":"user-7"}
            """);
    }

    [Fact]
    public void Tool_use_history_becomes_assistant_tool_calls_then_tool_messages_before_the_turns_other_user_content()
    {
        Restated("""
            {"model":"claude","max_tokens":50,"messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"Two lookups.","signature":"sig"},
                {"type":"text","text":"Let me check."},
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]},
              {"role":"user","content":[
                {"type":"text","text":"Be quick."},
                {"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"clock"},{"type":"text","text":"unavailable"}],"is_error":true}]},
              {"role":"assistant","content":[{"type":"redacted_thinking","data":"opaque"},{"type":"tool_use","id":"toolu_3","name":"get_time","input":{"zone":"CET"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_3"}]}]}
            """).ShouldBeJson("""
            {"model":"upstream","max_tokens":50,"messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":"Let me check.","tool_calls":[
                {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"toolu_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
              {"role":"tool","tool_call_id":"toolu_2","content":"Error: clock\nunavailable"},
              {"role":"user","content":"Be quick."},
              {"role":"assistant","tool_calls":[{"id":"toolu_3","type":"function","function":{"name":"get_time","arguments":"{\"zone\":\"CET\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_3","content":""}]}
            """);
    }

    [Fact]
    public void Image_blocks_make_the_content_a_list_of_text_and_image_url_parts()
    {
        Restated("""
            {"model":"claude","max_tokens":50,"messages":[{"role":"user","content":[
              {"type":"text","text":"Compare"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/lighthouse.jpg"}},
              {"type":"text","text":"and say which is older."}]}]}
            """).ShouldBeJson("""
            {"model":"upstream","max_tokens":50,"messages":[{"role":"user","content":[
              {"type":"text","text":"Compare"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
              {"type":"image_url","image_url":{"url":"https://example.com/lighthouse.jpg"}},
              {"type":"text","text":"and say which is older."}]}]}
            """);
    }

    public static TheoryData<string, string> ToolChoices => new()
    {
        { """{"type":"auto"}""", """ "tool_choice":"auto" """ },
        { """{"type":"any"}""", """ "tool_choice":"required" """ },
        { """{"type":"none"}""", """ "tool_choice":"none" """ },
        { """{"type":"tool","name":"get_weather"}""", """ "tool_choice":{"type":"function","function":{"name":"get_weather"}} """ },
        { """{"type":"auto","disable_parallel_tool_use":true}""", """ "tool_choice":"auto","parallel_tool_calls":false """ },
        { """{"type":"tool","name":"get_weather","disable_parallel_tool_use":false}""", """ "tool_choice":{"type":"function","function":{"name":"get_weather"}} """ },
    };

    [Theory]
    [MemberData(nameof(ToolChoices))]
    public void Tools_become_functions_and_the_tool_choice_its_openai_equivalent(string anthropicChoice, string openAiChoice)
    {
        Restated($$$"""
            {"model":"claude","max_tokens":50,"tool_choice":{{{anthropicChoice}}},
             "tools":[{"name":"get_weather","description":"The weather in a city.","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"cache_control":{"type":"ephemeral"}},
                      {"type":"custom","name":"get_time","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Weather in Paris?"}]}
            """).ShouldBeJson($$$"""
            {"model":"upstream","messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]} } },
                      {"type":"function","function":{"name":"get_time","parameters":{"type":"object"} } }],
             {{{openAiChoice}}},"max_tokens":50}
            """);
    }

    [Fact]
    public void A_tool_choice_without_tools_that_requires_no_call_is_left_out()
    {
        Restated("""{"model":"claude","max_tokens":50,"tool_choice":{"type":"auto"},"tools":[],"messages":[{"role":"user","content":"Hi"}]}""")
            .ShouldBeJson("""{"model":"upstream","messages":[{"role":"user","content":"Hi"}],"max_tokens":50}""");
    }

    [Fact]
    public void The_canonical_request_keeps_every_block_as_a_part_in_order()
    {
        var request = AnthropicRequestParser.Parse(JsonElement.Parse("""
            {"model":"claude","max_tokens":50,"system":"Be brief.","messages":[
              {"role":"user","content":[{"type":"text","text":"Look"},{"type":"image","source":{"type":"base64","media_type":"image/gif","data":"R0lGOD=="}}]},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Hm.","signature":"s1"},{"type":"redacted_thinking","data":"x"},{"type":"tool_use","id":"t1","name":"zoom","input":{"factor":2}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":[{"type":"text","text":"too far"}]}]}]}
            """));

        request.Messages.Select(message => message.Role).ShouldBe(["system", "user", "assistant", "user"]);
        request.Messages[1].Parts.ShouldBe([new TextPart("Look"), new ImagePart(null, "image/gif", "R0lGOD==")]);
        request.Messages[2].Parts.ShouldBe([new ThinkingPart("Hm.", "s1"), new ThinkingPart("", EncryptedContent: "x"), new ToolCallPart("t1", "zoom", """{"factor":2}""")]);
        var result = request.Messages[3].Parts.ShouldHaveSingleItem().ShouldBeOfType<ToolResultPart>();
        (result.ToolCallId, result.IsError, result.Content.ShouldHaveSingleItem()).ShouldBe(("t1", true, new TextPart("too far")));
    }

    private static string Restated(string anthropicBody) =>
        Encoding.UTF8.GetString(UpstreamRequestBody.Write(AnthropicRequestParser.Parse(JsonElement.Parse(anthropicBody)), "upstream").Span);
}
