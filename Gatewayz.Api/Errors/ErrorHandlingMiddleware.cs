namespace Gatewayz.Api.Errors;

/// <summary>
/// Turns every failure into an error body in the caller's API format. Nothing a client sends may
/// crash the process or show a stack trace.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (GatewayException exception)
        {
            await TryWriteAsync(context, exception.Error);
        }
        catch (BadHttpRequestException exception)
        {
            await TryWriteAsync(context, StatusCodeErrors.ForBadRequest(context, exception));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            await TryWriteAsync(context, GatewayError.Internal());
        }
    }

    private static Task TryWriteAsync(HttpContext context, GatewayError error) =>
        context.Response.HasStarted ? Task.CompletedTask : ErrorResponses.WriteAsync(context, error);
}
