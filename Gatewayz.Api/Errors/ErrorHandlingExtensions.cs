namespace Gatewayz.Api.Errors;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Exceptions become error bodies, and so do answers that carry only an error status (routing's 404
    /// and 405, a framework's 415): both in the format <see cref="ErrorResponses.FormatFor"/> picks for the path.
    /// </summary>
    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(static page => ErrorResponses.WriteAsync(page.HttpContext, StatusCodeErrors.For(page.HttpContext, page.HttpContext.Response.StatusCode)));
        return app;
    }
}
