using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Tests.Monitoring;

public sealed class ErrorTextTests
{
    [Fact]
    public void A_short_plain_message_is_kept_as_it_is() =>
        ErrorText.Sanitize("upstream answered 503 Service Unavailable.").ShouldBe("upstream answered 503 Service Unavailable.");

    [Fact]
    public void Apostrophes_inside_words_and_short_quotes_are_kept() =>
        ErrorText.Sanitize("This model's maximum context length is 8192 tokens; 'messages[0].role' must be one of 'user', 'system'.")
            .ShouldBe("This model's maximum context length is 8192 tokens; 'messages[0].role' must be one of 'user', 'system'.");

    [Theory]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("`")]
    public void A_long_quoted_span_is_replaced_by_an_ellipsis(string quote) =>
        ErrorText.Sanitize($"Invalid value {quote}my secret prompt about the quarterly numbers of ACME{quote} for content.")
            .ShouldBe($"Invalid value {quote}…{quote} for content.");

    [Fact]
    public void An_echoed_json_body_is_cut_off() =>
        ErrorText.Sanitize("""Could not parse request: {"model":"x","messages":[{"role":"user","content":"secret"}]}""")
            .ShouldBe("Could not parse request: …");

    [Fact]
    public void Control_characters_and_runs_of_whitespace_become_one_space() =>
        ErrorText.Sanitize("line one\r\n\tline\0two  \u0085 end ").ShouldBe("line one line two end");

    [Fact]
    public void A_long_message_is_cut_to_the_maximum_without_splitting_a_surrogate_pair()
    {
        var text = ErrorText.Sanitize(new string('a', ErrorText.MaxLength - 2) + "😀😀😀");
        text.Length.ShouldBeLessThanOrEqualTo(ErrorText.MaxLength);
        text.ShouldEndWith("…");
        char.IsHighSurrogate(text[^2]).ShouldBeFalse();
        ErrorText.Sanitize(new string('b', 1_000_000)).Length.ShouldBe(ErrorText.MaxLength);
    }
}
