using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Completions;

/// <summary>
/// Validates an OpenAI legacy create-completion body and reads what the gateway needs from it: <c>prompt</c> one of
/// OpenAI's four shapes (<see cref="TextOrTokenIds"/>); <c>max_tokens</c> an integer of 0 or more; <c>temperature</c>
/// 0 to 2; <c>top_p</c> 0 to 1; <c>n</c> 1 to 128; <c>best_of</c> 1 to 20; <c>logprobs</c> 0 to 5;
/// <c>presence_penalty</c> and <c>frequency_penalty</c> -2 to 2; <c>stop</c> a string or an array of up to four
/// strings; <c>echo</c> and <c>stream</c> true or false; <c>suffix</c> and <c>user</c> strings; <c>logit_bias</c> and
/// <c>stream_options</c> objects. Anything else is a 400 naming the field by its path (<c>prompt[1]</c>,
/// <c>stop[2]</c>). Other fields are the upstream's to judge.
/// </summary>
public static class CompletionRequestParser
{
    /// <summary>The most stop sequences OpenAI's API takes.</summary>
    public const int MaximumStopSequences = 4;

    /// <summary><paramref name="body"/> becomes the request's <see cref="OperationRequest.Body"/>, so its document must outlive the request.</summary>
    /// <exception cref="GatewayException">
    /// A 400 naming the field at fault; <c>stream: true</c> is one naming <c>stream</c>: the gateway does not stream
    /// legacy completions yet.
    /// </exception>
    public static CompletionRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var (prompts, _, estimate) = TextOrTokenIds.Read(JsonFields.Get(body, "prompt") ?? throw new GatewayException(GatewayError.MissingField("prompt")), "prompt");
        if (JsonFields.OptionalBool(body, "stream"))
            throw new GatewayException(GatewayError.InvalidValue("stream", "streaming is not yet supported for /v1/completions; leave stream out or set it to false."));
        _ = JsonFields.OptionalObject(body, "stream_options");
        _ = JsonFields.OptionalNumber(body, "temperature", 0, 2);
        _ = JsonFields.OptionalNumber(body, "top_p", 0, 1);
        _ = JsonFields.OptionalNumber(body, "presence_penalty", -2, 2);
        _ = JsonFields.OptionalNumber(body, "frequency_penalty", -2, 2);
        _ = JsonFields.OptionalInt(body, "best_of", 1, 20);
        _ = JsonFields.OptionalInt(body, "logprobs", 0, 5);
        _ = JsonFields.OptionalObject(body, "logit_bias");
        _ = JsonFields.OptionalString(body, "user");
        return new CompletionRequest
        {
            Model = model,
            Body = body,
            Prompts = prompts,
            EstimatedInputTokens = estimate,
            MaxTokens = JsonFields.OptionalNonNegativeInt(body, "max_tokens"),
            Count = JsonFields.OptionalInt(body, "n", 1, 128) ?? 1,
            Echo = JsonFields.OptionalBool(body, "echo"),
            Suffix = JsonFields.OptionalString(body, "suffix"),
            StopSequences = ReadStop(JsonFields.Get(body, "stop")),
        };
    }

    private static string[] ReadStop(JsonElement? stop)
    {
        switch (stop)
        {
            case null:
                return [];
            case { ValueKind: JsonValueKind.String } text:
                return [text.GetString()!];
            case { ValueKind: JsonValueKind.Array } list when list.GetArrayLength() <= MaximumStopSequences:
                var sequences = new string[list.GetArrayLength()];
                for (var i = 0; i < sequences.Length; i++)
                {
                    sequences[i] = list[i].ValueKind == JsonValueKind.String
                        ? list[i].GetString()!
                        : throw new GatewayException(GatewayError.InvalidValue($"stop[{i}]", "expected a string."));
                }
                return sequences;
            default:
                throw new GatewayException(GatewayError.InvalidValue("stop", $"expected a string or an array of up to {MaximumStopSequences} strings."));
        }
    }
}
