using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Errors;

public static class ErrorResponses
{
    /// <summary>
    /// The error format of the endpoint that served the request: the one its <see cref="IErrorFormatSelector"/>
    /// metadata picks for the request (an endpoint both APIs share), else its <see cref="IErrorFormat"/> metadata
    /// (given by its wire format). A request no endpoint matched — the framework's own 404 and 405 — is
    /// answered by path: Anthropic's format under <c>/v1/messages</c>, OpenAI's everywhere else.
    /// </summary>
    public static IErrorFormat FormatFor(HttpRequest request)
    {
        var metadata = request.HttpContext.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<IErrorFormatSelector>()?.Select(request)
            ?? metadata?.GetMetadata<IErrorFormat>()
            ?? (request.Path.StartsWithSegments("/v1/messages") ? AnthropicErrorFormat.Instance : OpenAiErrorFormat.Instance);
    }

    public static async Task WriteAsync(HttpContext context, GatewayError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.Provider is { } provider)
            response.Headers[Inference.ProviderHeader.Name] = provider;
        if (error.RetryAfter is { } retryAfter)
            response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            FormatFor(context.Request).Write(writer, error);
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
