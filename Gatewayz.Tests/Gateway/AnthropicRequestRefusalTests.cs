using System.Text.Json;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Wire;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Every malformed value of an Anthropic request is a 400 naming its JSON path, whatever the route; everything
/// in a well-formed one that OpenAI's format cannot express is a 400 naming its path when the request is
/// written for an OpenAI-compatible upstream: nothing is dropped on the way.
/// </summary>
public sealed class AnthropicRequestRefusalTests
{
    private const string User = """{"role":"user","content":"Hi"}""";
    private const string ToolUse = """{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]}""";

    public static TheoryData<string, string> Untranslatable => new()
    {
        // Blocks only Anthropic's format has, wherever they stand, and a Files API image.
        { Messages("""{"role":"user","content":[{"type":"text","text":"Read this"},{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}"""), "messages[0].content[1].type" },
        { Messages("""{"role":"user","content":[{"type":"search_result","source":"s","title":"t","content":[]}]}"""), "messages[0].content[0].type" },
        { Messages(User, """{"role":"assistant","content":[{"type":"server_tool_use","id":"s1","name":"web_search","input":{}}]}"""), "messages[1].content[0].type" },
        { Messages(User, ToolUse, """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"document","source":{}}]}]}"""), "messages[2].content[0].content[0].type" },
        { Messages("""{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file_011"}}]}"""), "messages[0].content[0].source.type" },
        // What OpenAI's format cannot express.
        { Messages(User, ToolUse, """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"see"},{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}"""), "messages[2].content[0].content[1]" },
        { Messages(User, """{"role":"assistant","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}"""), "messages[1].content[0]" },
        { Body(""" "tool_choice":{"type":"any"}, """, User), "tool_choice" },
        { Body(""" "tools":[{"type":"web_search_20250305","name":"web_search"}], """, User), "tools[0].type" },
    };

    public static TheoryData<string, string> Refusals => new()
    {
        // Blocks in a role that cannot hold them.
        { Body(""" "system":[{"type":"image","source":{}}], """, User), "system[0].type" },
        { Messages("""{"role":"user","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]}"""), "messages[0].content[0].type" },
        { Messages(User, """{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"t1"}]}"""), "messages[1].content[0].type" },
        { Messages("""{"role":"user","content":[{"type":"thinking","thinking":"hm","signature":"s"}]}"""), "messages[0].content[0].type" },
        // Malformed blocks.
        { Messages(User, """{"role":"assistant","content":[{"type":"text","text":"Sure."},{"type":"tool_use","name":"f","input":{}}]}"""), "messages[1].content[1].id" },
        { Messages(User, """{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":"{}"}]}"""), "messages[1].content[0].input" },
        { Messages(User, ToolUse, """{"role":"user","content":[{"type":"tool_result","content":"x"}]}"""), "messages[2].content[0].tool_use_id" },
        { Messages(User, ToolUse, """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":"yes"}]}"""), "messages[2].content[0].is_error" },
        { Messages(User, ToolUse, """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":{"text":"x"}}]}"""), "messages[2].content[0].content" },
        { Messages("""{"role":"user","content":[{"text":"Hi"}]}"""), "messages[0].content[0].type" },
        { Messages("""{"role":"user","content":[{"type":"text"}]}"""), "messages[0].content[0].text" },
        { Messages("""{"role":"user","content":["Hi"]}"""), "messages[0].content[0]" },
        { Messages("""{"role":42,"content":"Hi"}"""), "messages[0].role" },
        // Images.
        { Messages("""{"role":"user","content":[{"type":"text","text":"What is it?"},{"type":"image","source":{"type":"base64","media_type":"image/tiff","data":"SUkq"}}]}"""), "messages[0].content[1].source.media_type" },
        { Messages("""{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png"}}]}"""), "messages[0].content[0].source.data" },
        { Messages("""{"role":"user","content":[{"type":"image","source":{"type":"url","url":"file:///etc/passwd"}}]}"""), "messages[0].content[0].source.url" },
        { Messages("""{"role":"user","content":[{"type":"image"}]}"""), "messages[0].content[0].source" },
        // Top-level fields.
        { Body(""" "system":[{"type":"text","text":"a"},{"type":"text"}], """, User), "system[1].text" },
        { Body(""" "system":42, """, User), "system" },
        { Body(""" "tools":{}, """, User), "tools" },
        { Body(""" "tools":[{"name":"f"}], """, User), "tools[0].input_schema" },
        { Body(""" "tools":[{"name":"f","input_schema":{},"description":7}], """, User), "tools[0].description" },
        { Body(""" "tools":[{"name":"f","input_schema":{}}],"tool_choice":{"type":"tool"}, """, User), "tool_choice.name" },
        { Body(""" "tools":[{"name":"f","input_schema":{}}],"tool_choice":{"type":"sometimes"}, """, User), "tool_choice.type" },
        { Body(""" "tool_choice":"auto", """, User), "tool_choice" },
        { Body(""" "stop_sequences":["END",7], """, User), "stop_sequences[1]" },
        { Body(""" "top_k":-1, """, User), "top_k" },
        { Body(""" "metadata":{"user_id":7}, """, User), "metadata.user_id" },
        { Body(""" "metadata":"user-7", """, User), "metadata" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void The_refusal_names_the_json_path_of_what_is_wrong(string body, string path)
    {
        var failure = Should.Throw<GatewayException>(() => AnthropicRequestParser.Parse(JsonElement.Parse(body)));

        failure.Error.Status.ShouldBe(400);
        failure.Error.Param.ShouldBe(path);
        failure.Error.Message.ShouldContain($"'{path}'");
    }

    [Theory]
    [MemberData(nameof(Untranslatable))]
    public void What_openai_cannot_express_is_refused_for_openai_upstreams_only(string body, string path)
    {
        var request = AnthropicRequestParser.Parse(JsonElement.Parse(body));

        request.RefusalFor(WireFormat.Anthropic).ShouldBeNull();
        var failure = Should.Throw<GatewayException>(() => request.BodyFor(WireFormat.OpenAi));
        failure.Error.Status.ShouldBe(400);
        failure.Error.Param.ShouldBe(path);
        failure.Error.Message.ShouldContain($"'{path}'");
    }

    private static string Messages(params string[] messages) => Body("", messages);

    private static string Body(string fields, params string[] messages) =>
        $$"""{"model":"m","max_tokens":5,{{fields}}"messages":[{{string.Join(",", messages)}}]}""";
}
