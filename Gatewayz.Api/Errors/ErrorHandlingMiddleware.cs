using Microsoft.AspNetCore.Http.Features;

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
            if (context.Response is { StatusCode: StatusCodes.Status404NotFound, HasStarted: false } && context.GetEndpoint() is null)
                await ErrorResponses.WriteAsync(context, GatewayError.NotFound());
        }
        catch (GatewayException exception)
        {
            await TryWriteAsync(context, exception.Error);
        }
        catch (BadHttpRequestException exception)
        {
            var error = exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? GatewayError.RequestTooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)
                : new GatewayError(exception.StatusCode, "bad_request", "The request could not be read.");
            await TryWriteAsync(context, error);
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
