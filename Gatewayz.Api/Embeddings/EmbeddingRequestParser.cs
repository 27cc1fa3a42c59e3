using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Embeddings;

/// <summary>
/// Validates an OpenAI create-embeddings body and reads what the gateway needs from it. <c>input</c> is one of
/// OpenAI's four shapes (<see cref="TextOrTokenIds"/>); <c>dimensions</c> a positive integer; <c>encoding_format</c>
/// <c>float</c> or <c>base64</c>; <c>user</c> a string. Anything else is a 400 naming the field by its path
/// (<c>input[2]</c>, <c>input[0][5]</c>). Other fields are the upstream's to judge.
/// </summary>
public static class EmbeddingRequestParser
{
    /// <summary><paramref name="body"/> becomes the request's <see cref="Inference.OperationRequest.Body"/>, so its document must outlive the request.</summary>
    /// <exception cref="GatewayException">A 400 naming the field at fault.</exception>
    public static EmbeddingRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var (inputs, tokenIds, estimate) = TextOrTokenIds.Read(JsonFields.Get(body, "input") ?? throw new GatewayException(GatewayError.MissingField("input")), "input");
        _ = JsonFields.OptionalString(body, "user");
        // Embeddings have no stream; an upstream that took the flag anyway would answer with events no reader takes.
        if (JsonFields.OptionalBool(body, "stream"))
            throw new GatewayException(GatewayError.InvalidValue("stream", "embeddings are not streamed; leave stream out or set it to false."));
        return new EmbeddingRequest
        {
            Model = model,
            Body = body,
            Inputs = inputs,
            InputIsTokenIds = tokenIds,
            EstimatedInputTokens = estimate,
            Dimensions = JsonFields.OptionalPositiveInt(body, "dimensions"),
            Encoding = JsonFields.OptionalString(body, "encoding_format") switch
            {
                null or "float" => EmbeddingEncoding.Float,
                "base64" => EmbeddingEncoding.Base64,
                _ => throw new GatewayException(GatewayError.InvalidValue("encoding_format", "expected 'float' or 'base64'.")),
            },
        };
    }
}
