using System.Text.Json;

namespace Gatewayz.Api.Errors;

/// <summary>
/// <c>{"type":"error","error":{"type","message"}}</c>, as Anthropic's Messages API returns it; an Anthropic
/// upstream's own error object is relayed whole.
/// </summary>
public sealed class AnthropicErrorFormat : IErrorFormat
{
    public static readonly AnthropicErrorFormat Instance = new();

    public void Write(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        if (error.UpstreamAnthropicError is { } relayed)
        {
            // Already an Anthropic error object (checked and redacted when it was read): its type and every field reach the client.
            writer.WritePropertyName("error");
            writer.WriteRawValue(relayed, skipInputValidation: true);
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject("error");
        writer.WriteString("type", TypeOf(error.Status));
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status402PaymentRequired or StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        StatusCodes.Status503ServiceUnavailable => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}
