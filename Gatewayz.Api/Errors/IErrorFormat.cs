namespace Gatewayz.Api.Errors;

/// <summary>Writes a <see cref="GatewayError"/> in one API's JSON error shape.</summary>
public interface IErrorFormat
{
    void Write(System.Text.Json.Utf8JsonWriter writer, GatewayError error);
}
