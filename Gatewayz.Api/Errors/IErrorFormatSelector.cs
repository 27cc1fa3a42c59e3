namespace Gatewayz.Api.Errors;

/// <summary>
/// Endpoint metadata of an endpoint that more than one API shares (<c>/v1/models</c>): it picks the error
/// format from what the request says about its client, where <see cref="IErrorFormat"/> metadata fixes one.
/// </summary>
public interface IErrorFormatSelector
{
    IErrorFormat Select(HttpRequest request);
}
