using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Images;

/// <summary>
/// Validates an OpenAI create-image body and reads what the gateway needs from it: <c>prompt</c> a non-empty
/// string; <c>n</c> an integer from 1 to 10; <c>size</c> <c>WIDTHxHEIGHT</c> (<see cref="ImageSize"/>) or
/// <c>auto</c>; <c>response_format</c> <c>url</c> or <c>b64_json</c>; <c>quality</c>, <c>style</c> and <c>user</c>
/// strings, whose values are the model's to judge. Anything else is a 400 naming the field. Other fields are
/// the upstream's to judge.
/// </summary>
public static class ImageRequestParser
{
    /// <summary>The most pictures one request may ask for, as OpenAI's API allows.</summary>
    public const int MaximumCount = 10;

    /// <summary><paramref name="body"/> becomes the request's <see cref="Inference.OperationRequest.Body"/>, so its document must outlive the request.</summary>
    /// <exception cref="GatewayException">A 400 naming the field at fault.</exception>
    public static ImageRequest Parse(JsonElement body)
    {
        var model = JsonFields.RequiredString(body, "model");
        var prompt = JsonFields.RequiredText(body, "prompt");
        if (prompt.Length == 0)
            throw new GatewayException(GatewayError.InvalidValue("prompt", "expected a non-empty string."));
        _ = JsonFields.OptionalString(body, "quality");
        _ = JsonFields.OptionalString(body, "style");
        _ = JsonFields.OptionalString(body, "user");
        // An upstream that honours stream answers with events, which no route's reader takes: every route would make
        // (and bill) the pictures and fail over. Refused until streamed images are served.
        if (JsonFields.OptionalBool(body, "stream"))
            throw new GatewayException(GatewayError.InvalidValue("stream", "streamed images are not served; leave stream out or set it to false."));
        if (body.TryGetProperty("partial_images", out _))
            throw new GatewayException(GatewayError.InvalidValue("partial_images", "partial images come only with streamed images, which are not served."));
        return new ImageRequest
        {
            Model = model,
            Body = body,
            Prompt = prompt,
            EstimatedInputTokens = TokenEstimator.CountText(prompt),
            Count = JsonFields.OptionalInt(body, "n", 1, MaximumCount) ?? 1,
            Size = JsonFields.OptionalString(body, "size") switch
            {
                null or "auto" => null,
                var text when ImageSize.TryParse(text, out var size) => size,
                _ => throw new GatewayException(GatewayError.InvalidValue("size", "expected WIDTHxHEIGHT in pixels (such as 1024x1024) or 'auto'.")),
            },
            ResponseFormat = JsonFields.OptionalString(body, "response_format") switch
            {
                null or "url" => ImageResponseFormat.Url,
                "b64_json" => ImageResponseFormat.Base64Json,
                _ => throw new GatewayException(GatewayError.InvalidValue("response_format", "expected 'url' or 'b64_json'.")),
            },
        };
    }
}
