namespace Gatewayz.Api.Errors;

public static class ErrorHandlingExtensions
{
    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        return app;
    }
}
