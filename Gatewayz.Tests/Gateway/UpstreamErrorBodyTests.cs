using System.Text;
using System.Text.Json;
using Gatewayz.Api.Providers.OpenAiCompatible;

namespace Gatewayz.Tests.Gateway;

/// <summary>Which upstream 4xx bodies are relayed as OpenAI errors and how the others are excerpted.</summary>
public sealed class UpstreamErrorBodyTests
{
    private static readonly UpstreamRedactor Redactor = new(new Uri("http://10.0.0.7:9000/v1"), "sk-live-abcdefgh");

    [Theory]
    [InlineData("""{"error":"model not loaded"}""")]
    [InlineData("""{"error":{"type":"invalid_request_error"}}""")]
    [InlineData("""{"error":{"message":42}}""")]
    [InlineData("""[{"error":{"message":"in an array"}}]""")]
    [InlineData("""{"detail":"Not Found"}""")]
    [InlineData("""{"error":{"message":"cut""")]
    public void Body_that_is_not_an_openai_error_object_is_excerpted(string body)
    {
        var rejection = Parse(body);

        rejection.OpenAiError.ShouldBeNull();
        rejection.Code.ShouldBeNull();
        rejection.Message.ShouldBe($"The provider rejected the request: fake answered 400 Bad Request. Its answer: {body}");
    }

    [Fact]
    public void Openai_error_object_is_kept_whole_with_its_strings_redacted()
    {
        var rejection = Parse("""{"error":{"message":"key sk-live-abcdefgh rejected by http://10.0.0.7:9000/v1","type":"invalid_request_error","param":null,"code":"bad_key","extra":{"list":[1,"sk-live-abcdefgh",true]}}}""");

        rejection.Message.ShouldBe("key [redacted] rejected by [internal-url]");
        rejection.Code.ShouldBe("bad_key");
        rejection.Param.ShouldBeNull();
        Encoding.UTF8.GetString(rejection.OpenAiError!).ShouldBe(
            """{"message":"key [redacted] rejected by [internal-url]","type":"invalid_request_error","param":null,"code":"bad_key","extra":{"list":[1,"[redacted]",true]}}""");
    }

    [Fact]
    public void Body_larger_than_the_read_limit_is_excerpted_even_when_it_began_as_an_error_object()
    {
        var body = JsonSerializer.Serialize(new { error = new { message = new string('m', UpstreamErrorBody.ReadLimit) } });

        var rejection = UpstreamErrorBody.Parse("fake", 400, "Bad Request", Encoding.UTF8.GetBytes(body)[..UpstreamErrorBody.ReadLimit], complete: false, Redactor);

        rejection.OpenAiError.ShouldBeNull();
        rejection.Message.Length.ShouldBeLessThan(UpstreamErrorBody.ExcerptLimit + 100);
        rejection.Message.ShouldEndWith("mmm…");
    }

    [Fact]
    public void Excerpt_is_one_line_and_empty_bodies_leave_the_status_alone()
    {
        Parse("line one\r\n\tline two\u0000\u0007 end ").Message.ShouldEndWith("Its answer: line one line two end");
        Parse("").Message.ShouldBe("The provider rejected the request: fake answered 400 Bad Request.");
    }

    [Theory]
    [InlineData("see https://platform.openai.com/docs/guides/error-codes.", "see https://platform.openai.com/docs/guides/error-codes.")]
    [InlineData("call http://localhost:8000/v1 failed", "call [internal-url] failed")]
    [InlineData("call http://vllm:8000/v1 failed", "call [internal-url] failed")]
    [InlineData("call https://gpu-3.cluster.local/x failed", "call [internal-url] failed")]
    [InlineData("call http://[fd00::1]:80/ failed", "call [internal-url] failed")]
    [InlineData("host 10.0.0.7:9000 and 192.168.1.20 refused", "host [internal-host] and [internal-host] refused")]
    public void Redactor_keeps_public_links_and_hides_internal_ones(string text, string expected) =>
        Redactor.Redact(text).ShouldBe(expected);

    private static Api.Providers.UpstreamRejection Parse(string body) =>
        UpstreamErrorBody.Parse("fake", 400, "Bad Request", Encoding.UTF8.GetBytes(body), complete: true, Redactor);
}
