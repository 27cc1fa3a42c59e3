using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Responses;

/// <summary>
/// What the Responses API bridge cannot carry, or what is malformed, is a 400 in OpenAI's error format naming the
/// field by its path, before any upstream is called — never dropped, never a 500.
/// </summary>
public sealed class ResponsesRefusalTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Theory]
    [InlineData("web_search")]
    [InlineData("web_search_preview")]
    [InlineData("file_search")]
    [InlineData("computer_use_preview")]
    [InlineData("code_interpreter")]
    [InlineData("image_generation")]
    [InlineData("mcp")]
    [InlineData("custom")]
    public async Task A_built_in_tool_is_refused_by_its_type(string type) =>
        await ShouldBeRefused($$"""{"model":"MODEL","input":"Hi","tools":[{"type":"{{type}}"}]}""", "tools[0].type", "unsupported_parameter");

    [Theory]
    [InlineData("""{"model":"MODEL"}""", "input", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[]}""", "input", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":42}""", "input", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":["Hi"]}""", "input[0]", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":[{"content":"Hi"}]}""", "input[0].type", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"role":"robot","content":"Hi"}]}""", "input[0].role", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user"}]}""", "input[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user","content":[{"type":"input_text"}]}]}""", "input[0].content[0].text", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]}""", "input[0].content[0].type", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]}""", "input[0].content[0].file_id", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user","content":[{"type":"input_image","image_url":"ftp://x/y.png"}]}]}""", "input[0].content[0].image_url", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":[{"role":"user","content":"Hi"},{"type":"function_call","name":"f","arguments":"{}"}]}""", "input[1].call_id", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"type":"function_call_output","call_id":"call_1"}]}""", "input[0].output", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"type":"function_call_output","call_id":"call_1","output":{"a":1}}]}""", "input[0].output", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":[{"type":"web_search_call","id":"ws_1","status":"completed"}]}""", "input[0].type", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":[{"type":"item_reference","id":"msg_1"}]}""", "input[0].type", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","tools":[{"type":"function"}]}""", "tools[0].name", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","tools":[{"type":"function","name":"f","parameters":"{}"}]}""", "tools[0].parameters", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","tool_choice":"sometimes"}""", "tool_choice", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","tool_choice":{"type":"file_search"}}""", "tool_choice.type", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","tool_choice":{"type":"function"}}""", "tool_choice.name", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","text":{"format":{"type":"xml"}}}""", "text.format.type", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","text":{"format":{"type":"json_schema","name":"a"}}}""", "text.format.schema", "missing_required_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","text":{"verbosity":"low"}}""", "text.verbosity", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","reasoning":{"effort":"extreme"}}""", "reasoning.effort", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","reasoning":{"summary":"detailed"}}""", "reasoning.summary", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","max_output_tokens":0}""", "max_output_tokens", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","temperature":3}""", "temperature", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","metadata":{"a":1}}""", "metadata.a", "invalid_value")]
    [InlineData("""{"model":"MODEL","input":"Hi","background":true}""", "background", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","include":["reasoning.encrypted_content"]}""", "include[0]", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","truncation":"auto"}""", "truncation", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","conversation":"conv_1"}""", "conversation", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","prompt":{"id":"pmpt_1"}}""", "prompt", "unsupported_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","messages":[]}""", "messages", "unknown_parameter")]
    [InlineData("""{"model":"MODEL","input":"Hi","previous_response_id":"resp_unknown"}""", "previous_response_id", "previous_response_not_found")]
    public async Task A_malformed_or_unbridgeable_request_is_refused_by_its_path(string json, string param, string code) =>
        await ShouldBeRefused(json, param, code);

    [Fact]
    public async Task A_model_that_serves_no_chat_is_refused_by_model_as_the_chat_endpoints_refuse_it() =>
        await ShouldBeRefused("""{"model":"openai/text-embedding-3-small","input":"Hi"}""", "model", "model_not_supported");

    private async Task ShouldBeRefused(string json, string param, string code)
    {
        var (status, body) = await _relay.Gateway.PostAsync(json.Replace("MODEL", RelayGateway.Model));

        status.ShouldBe(400, body);
        ResponsesGateway.ErrorOf(body).ShouldBe((param, code));
        _relay.Upstream.ChatRequestCount.ShouldBe(0);
    }
}
