using System.Text;
using Gatewayz.Api.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The body-wide check and the path it names, on the escapes that are easy to get wrong: an escaped
/// backslash before <c>u</c>, upper-case hex, pairs split across strings, and paths through nested arrays.
/// </summary>
public sealed class JsonTextValidatorTests
{
    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"\ud83d\ude00","b":"\uD83D\uDE00","c":"\uDBFF\uDFFF\uD800\uDC00"}""")]
    [InlineData("""{"a":"\\ud83d is a backslash and text, not an escape"}""")]
    [InlineData("""{"a":"\\\ud83d\ude00 and \n\t\"\/\u00e9\u0000 and \\\\udc00"}""")]
    [InlineData("""{"\ud83d\ude00":[1,true,null,{"k":"v"}]}""")]
    public void Unicode_text_passes(string json)
    {
        JsonTextValidator.FindInvalidString(Encoding.UTF8.GetBytes(json)).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"a":"\ud83d"}""", "a", @"\ud83d")]
    [InlineData("""{"a":"x\uDE00"}""", "a", @"\uDE00")]
    [InlineData("""{"a":"\ud83d\ud83d\ude00"}""", "a", @"\ud83d")]
    [InlineData("""{"a":"\\\ud83d"}""", "a", @"\ud83d")]
    [InlineData("""{"a":["\ud83d","\ude00"]}""", "a[0]", @"\ud83d")]
    [InlineData("""{"a":[[1],[2,{"b":["ok","\udc00"]}]],"z":"\ud800"}""", "a[1][1].b[1]", @"\udc00")]
    [InlineData("""{"a":{"b":1},"c":{"d\ud83d":2}}""", @"c.d\ud83d", @"\ud83d")]
    public void A_lone_surrogate_is_named_by_its_path(string json, string path, string escape)
    {
        var error = JsonTextValidator.FindInvalidString(Encoding.UTF8.GetBytes(json)).ShouldNotBeNull();

        error.Status.ShouldBe(400);
        error.Param.ShouldBe(path);
        error.Message.ShouldContain($"'{escape}'");
    }

    [Fact]
    public void Invalid_utf8_is_named_by_its_path_and_shown_as_replacement_characters_in_a_name()
    {
        byte[] value = [.. "{\"ok\":\"é\",\"list\":[\"a\",\"caf"u8, 0xC3, 0x28, .. "\"]}"u8];
        byte[] name = [.. """{"k"""u8, 0xFF, .. "\":1}"u8];

        JsonTextValidator.FindInvalidString(value).ShouldNotBeNull().Param.ShouldBe("list[1]");
        JsonTextValidator.FindInvalidString(name).ShouldNotBeNull().Param.ShouldBe("k\uFFFD");
    }
}
