using System.Diagnostics;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Telemetry;

namespace Gatewayz.Tests.Telemetry;

/// <summary>The GenAI attempt span, metrics and log line, checked against semantic conventions 1.41.0.</summary>
public sealed class GenAiTelemetryTests
{
    private static readonly GenAiAttemptInfo StreamingChat =
        new(GenAiTelemetry.ChatOperation, "openai/gpt-4o-mini", "openrouter", "gpt-4o-mini-2024", Streaming: true, new Uri("https://api.example.com:8443/v1/"));

    [Fact]
    public void A_successful_attempt_is_a_client_span_named_after_operation_and_model_with_genai_attributes()
    {
        using var harness = new TelemetryHarness();

        var attempt = harness.Telemetry.StartAttempt(StreamingChat);
        attempt.FirstChunk();
        attempt.Succeeded("gpt-4o-mini-2024-07-18", inputTokens: 12, outputTokens: 34, FinishReasons.Stop);

        var span = harness.GenAiSpans().ShouldHaveSingleItem();
        span.DisplayName.ShouldBe("chat gpt-4o-mini-2024");
        span.Kind.ShouldBe(ActivityKind.Client);
        span.ParentSpanId.ShouldBe(harness.Root.SpanId);
        span.Status.ShouldBe(ActivityStatusCode.Unset);
        span.GetTagItem("gen_ai.operation.name").ShouldBe("chat");
        span.GetTagItem("gen_ai.provider.name").ShouldBe("openrouter");
        span.GetTagItem("gen_ai.request.model").ShouldBe("gpt-4o-mini-2024");
        span.GetTagItem("gatewayz.model").ShouldBe("openai/gpt-4o-mini");
        span.GetTagItem("gen_ai.request.stream").ShouldBe(true);
        span.GetTagItem("gen_ai.response.model").ShouldBe("gpt-4o-mini-2024-07-18");
        span.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(12);
        span.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(34);
        span.GetTagItem("gen_ai.response.finish_reasons").ShouldBe(new[] { "stop" });
        span.GetTagItem("gen_ai.response.time_to_first_chunk").ShouldBeOfType<double>().ShouldBeGreaterThanOrEqualTo(0);
        span.GetTagItem("server.address").ShouldBe("api.example.com");
        span.GetTagItem("server.port").ShouldBe(8443);
        span.GetTagItem("gen_ai.system").ShouldBeNull();
        span.GetTagItem("error.type").ShouldBeNull();
    }

    [Fact]
    public void An_in_process_provider_gets_an_internal_span_without_server_address()
    {
        using var harness = new TelemetryHarness();

        harness.Telemetry.StartAttempt(StreamingChat with { Server = null, Streaming = false })
            .Succeeded(null, 1, 1, FinishReasons.Stop);

        var span = harness.GenAiSpans().ShouldHaveSingleItem();
        span.Kind.ShouldBe(ActivityKind.Internal);
        span.GetTagItem("server.address").ShouldBeNull();
        span.GetTagItem("gen_ai.request.stream").ShouldBeNull();
    }

    [Fact]
    public void A_failed_attempt_sets_error_type_and_error_status()
    {
        using var harness = new TelemetryHarness();

        harness.Telemetry.StartAttempt(StreamingChat).Failed("timeout", "no first byte within 1s");

        var span = harness.GenAiSpans().ShouldHaveSingleItem();
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.StatusDescription.ShouldBe("no first byte within 1s");
        span.GetTagItem("error.type").ShouldBe("timeout");
        var duration = harness.Measurements.ShouldHaveSingleItem();
        duration.Name.ShouldBe("gen_ai.client.operation.duration");
        duration.Tags["error.type"].ShouldBe("timeout");
    }

    [Fact]
    public void Disposing_an_attempt_that_never_ended_records_an_other_error_once()
    {
        using var harness = new TelemetryHarness();

        using (var attempt = harness.Telemetry.StartAttempt(StreamingChat))
        {
            attempt.Activity.ShouldBeSameAs(Activity.Current);
        }

        harness.GenAiSpans().ShouldHaveSingleItem().GetTagItem("error.type").ShouldBe("_OTHER");
        harness.Measurements.Count.ShouldBe(1);
        Activity.Current.ShouldBeSameAs(harness.Root);
    }

    [Fact]
    public void Metrics_follow_the_conventions_names_units_buckets_and_attributes()
    {
        using var harness = new TelemetryHarness();

        var attempt = harness.Telemetry.StartAttempt(StreamingChat);
        attempt.FirstChunk();
        attempt.Succeeded("gpt-4o-mini-2024-07-18", inputTokens: 12, outputTokens: 34, FinishReasons.Stop);

        var byName = harness.Measurements.ToLookup(measurement => measurement.Name);
        var tokens = byName["gen_ai.client.token.usage"].ToList();
        tokens.Select(t => (t.Tags["gen_ai.token.type"], t.Value)).ShouldBe([("input", 12d), ("output", 34d)]);
        tokens[0].Unit.ShouldBe("{token}");
        tokens[0].Buckets.ShouldBe([1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]);
        tokens[0].Tags["gen_ai.response.model"].ShouldBe("gpt-4o-mini-2024-07-18");

        var duration = byName["gen_ai.client.operation.duration"].ShouldHaveSingleItem();
        duration.Unit.ShouldBe("s");
        duration.Buckets!.First().ShouldBe(0.01);
        duration.Buckets!.Last().ShouldBe(81.92);
        duration.Tags["gen_ai.provider.name"].ShouldBe("openrouter");
        duration.Tags["gen_ai.request.model"].ShouldBe("gpt-4o-mini-2024");
        duration.Tags["server.address"].ShouldBe("api.example.com");
        duration.Tags.ShouldNotContainKey("error.type");

        byName["gen_ai.client.operation.time_to_first_chunk"].ShouldHaveSingleItem().Unit.ShouldBe("s");
    }

    [Fact]
    public void Retry_failover_and_breaker_rejection_become_events_on_the_current_span()
    {
        using var harness = new TelemetryHarness();

        GenAiTelemetry.BreakerRejected("groq", "open");
        GenAiTelemetry.Failover("groq", "openrouter", "circuit_open");
        var attempt = harness.Telemetry.StartAttempt(StreamingChat);
        GenAiTelemetry.Retry(2, "server_error", TimeSpan.FromMilliseconds(250));
        attempt.Succeeded(null, 1, 1, FinishReasons.Stop);

        harness.Root.Events.Select(e => e.Name).ShouldBe(["gatewayz.circuit_breaker.rejected", "gatewayz.failover"]);
        var failover = harness.Root.Events.Last().Tags.ToDictionary(t => t.Key, t => t.Value);
        failover["gatewayz.failover.from_provider"].ShouldBe("groq");
        failover["gatewayz.failover.to_provider"].ShouldBe("openrouter");
        var retry = harness.GenAiSpans().ShouldHaveSingleItem().Events.ShouldHaveSingleItem();
        retry.Name.ShouldBe("gatewayz.retry");
        retry.Tags.ToDictionary(t => t.Key, t => t.Value)["gatewayz.retry.delay_ms"].ShouldBe(250d);
    }

    [Fact]
    public void The_attempt_log_line_carries_the_trace_and_span_of_the_attempt_and_no_content()
    {
        using var harness = new TelemetryHarness();
        var prompt = new[] { new ChatMessage("user", "my secret prompt") };

        var attempt = harness.Telemetry.StartAttempt(StreamingChat);
        harness.Telemetry.CaptureInput(attempt, prompt);
        harness.Telemetry.CaptureOutput(attempt, "the secret answer", FinishReasons.Stop);
        attempt.Succeeded(null, 5, 3, FinishReasons.Stop);

        var line = JsonDocument.Parse(harness.Logs.Lines.ShouldHaveSingleItem()).RootElement;
        line.GetProperty("trace_id").GetString().ShouldBe(harness.TraceId.ToHexString());
        line.GetProperty("span_id").GetString().ShouldBe(harness.GenAiSpans().Single().SpanId.ToHexString());
        line.GetProperty("Provider").GetString().ShouldBe("openrouter");
        line.GetProperty("OutputTokens").GetString().ShouldBe("3");
        line.ToString().ShouldNotContain("secret");
        harness.GenAiSpans().Single().Events.ShouldBeEmpty();
    }

    [Fact]
    public void Content_is_recorded_as_operation_details_events_only_when_capture_is_switched_on()
    {
        using var harness = new TelemetryHarness(captureContent: true);

        var attempt = harness.Telemetry.StartAttempt(StreamingChat);
        harness.Telemetry.CaptureInput(attempt, [new ChatMessage("user", "hello there")]);
        harness.Telemetry.CaptureOutput(attempt, "general kenobi", FinishReasons.Stop);
        attempt.Succeeded(null, 2, 2, FinishReasons.Stop);

        var events = harness.GenAiSpans().Single().Events.ToList();
        events.Select(e => e.Name).ShouldBe(["gen_ai.client.inference.operation.details", "gen_ai.client.inference.operation.details"]);
        var input = JsonDocument.Parse((string)events[0].Tags.Single(t => t.Key == "gen_ai.input.messages").Value!).RootElement[0];
        input.GetProperty("role").GetString().ShouldBe("user");
        input.GetProperty("parts")[0].GetProperty("content").GetString().ShouldBe("hello there");
        var output = JsonDocument.Parse((string)events[1].Tags.Single(t => t.Key == "gen_ai.output.messages").Value!).RootElement[0];
        output.GetProperty("finish_reason").GetString().ShouldBe("stop");
        output.GetProperty("parts")[0].GetProperty("content").GetString().ShouldBe("general kenobi");
    }
}
