using System.Text.Json;

namespace Gatewayz.Api.Errors;

/// <summary><c>{"error":{"message","type","param","code"}}</c>, as OpenAI returns it; an upstream's own error object is relayed whole.</summary>
public sealed class OpenAiErrorFormat : IErrorFormat
{
    public static readonly OpenAiErrorFormat Instance = new();

    public void Write(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        if (error.UpstreamOpenAiError is { } relayed)
        {
            // Already an OpenAI error object (checked and redacted when it was read): clients see every field the upstream sent.
            writer.WritePropertyName("error");
            writer.WriteRawValue(relayed, skipInputValidation: true);
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartObject("error");
        writer.WriteString("message", error.Message);
        writer.WriteString("type", TypeOf(error.Status));
        if (error.Param is null) writer.WriteNull("param"); else writer.WriteString("param", error.Param);
        writer.WriteString("code", error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status402PaymentRequired => "insufficient_quota",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
