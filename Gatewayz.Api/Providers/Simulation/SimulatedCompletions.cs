using System.Buffers;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Completions;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// A simulated legacy completion, in OpenAI's shape: for each prompt, <c>n</c> texts of the simulators' words
/// (<see cref="SimulatedWords"/>), as long as the model's profile draws them (log-normal around its mean output) and
/// at most <c>max_tokens</c> (16 when not given, as OpenAI's API defaults), cut at the first <c>stop</c> sequence,
/// after the prompt when <c>echo</c> asks for it. Each choice's <c>finish_reason</c> is <c>length</c> when
/// <c>max_tokens</c> cut it and <c>stop</c> otherwise; <c>logprobs</c> are null.
/// </summary>
public static class SimulatedCompletions
{
    /// <summary>OpenAI's <c>max_tokens</c> when a request does not give it.</summary>
    public const int DefaultMaxTokens = 16;

    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"id":"cmpl-…","object":"text_completion","created":…,"model":…,"choices":[{"text":…,"index":i,"logprobs":null,
    /// "finish_reason":…}],"usage":{"prompt_tokens":…,"completion_tokens":…,"total_tokens":…}}</c>, the choices of
    /// prompt p at indexes p × n to p × n + n − 1, as OpenAI numbers them.
    /// </summary>
    /// <param name="created">The answer's <c>created</c>, Unix seconds.</param>
    public static byte[] Answer(CompletionRequest request, string upstreamModel, SimulationProfile profile, Random random, long created)
    {
        Span<byte> id = stackalloc byte[12];
        random.NextBytes(id);
        var outputTokens = 0;
        var body = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(body, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", "cmpl-" + Convert.ToHexStringLower(id));
            writer.WriteString("object", "text_completion");
            writer.WriteNumber("created", created);
            writer.WriteString("model", upstreamModel);
            writer.WriteStartArray("choices");
            for (var p = 0; p < request.Prompts.Count; p++)
            {
                for (var k = 0; k < request.Count; k++)
                {
                    var wanted = SimulatedChoice.Length(random, profile.MeanOutputTokens);
                    var count = Math.Min(wanted, request.MaxTokens ?? DefaultMaxTokens);
                    var tokens = SimulatedChoice.Words(count, random);
                    var finish = count < wanted ? FinishReasons.Length : FinishReasons.Stop;
                    if (request.StopSequences.Count > 0 && SimulatedChoice.CutAtStop(ref tokens, request.StopSequences) is not null)
                        finish = FinishReasons.Stop;
                    outputTokens += tokens.Length;
                    writer.WriteStartObject();
                    writer.WriteString("text", request.Echo ? request.Prompts[p] + string.Concat(tokens) : string.Concat(tokens));
                    writer.WriteNumber("index", p * request.Count + k);
                    writer.WriteNull("logprobs");
                    writer.WriteString("finish_reason", finish);
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", request.EstimatedInputTokens);
            writer.WriteNumber("completion_tokens", outputTokens);
            writer.WriteNumber("total_tokens", request.EstimatedInputTokens + outputTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return body.WrittenSpan.ToArray();
    }
}
