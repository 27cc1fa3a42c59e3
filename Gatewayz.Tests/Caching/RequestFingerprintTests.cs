using System.Text.Json;
using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Caching;
using Shouldly;

namespace Gatewayz.Tests.Caching;

/// <summary>
/// Response-cache keys must not change between releases, or every cached answer is lost: the expected
/// hashes were computed by the earlier JsonObject-based implementation.
/// </summary>
public sealed class RequestFingerprintTests
{
    [Fact]
    public void An_openai_body_keeps_its_fingerprint()
    {
        var body = JsonElement.Parse("""
            {"stream":true,"model":"x","temperature":0.50,
             "messages":[{"role":"user","content":"h\u00e9llo <b> \ud83d\ude00"},{"content":[{"type":"text","text":"a"}],"role":"user"}],
             "tools":[{"z":1,"a":{"y":null,"b":[true,false,1e3]}}],"stream_options":{"include_usage":true}}
            """);

        RequestFingerprint.Compute("openai", "user-1", "gpt-4o-mini", body)
            .ShouldBe("d764336ff0105d9df6220ed53158bd81e663e7f42b2088a045a9337272dccc03");
    }

    /// <summary>
    /// The body restated as OpenAI's is the one the earlier implementation wrote for this request, so its
    /// hash is too. (Several text blocks are now joined with a newline, so such requests have new keys.)
    /// </summary>
    [Fact]
    public void A_restated_anthropic_body_keeps_its_fingerprint()
    {
        var request = AnthropicRequestParser.Parse(JsonElement.Parse("""
            {"model":"claude","max_tokens":50,"system":"Be brief \u00e9","temperature":0.25,"top_p":0.9,"stop_sequences":["\n\nHuman:","END"],
             "messages":[{"role":"user","content":[{"type":"text","text":"Hi there"}]}]}
            """));

        RequestFingerprint.Compute("anthropic", "user-1", "claude-haiku", request.Body)
            .ShouldBe("3040a74cba5d2257f86bfc7b1bd82e3544f899d7c35a9041a6bce77f18aa518a");
    }
}
