using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Http;

/// <summary>Stops start-up with a message naming the setting when an allowed origin is not an origin.</summary>
public sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!IsOrigin(origin))
                failures.Add($"{CrossOriginOptions.SectionName}:AllowedOrigins:{i} must be an origin such as https://app.example.com " +
                             $"(http or https, a host and an optional port, nothing after them); '{origin}' is not.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Browsers send the origin exactly as scheme://host[:port]; anything more (a path, even a trailing
    /// slash) would never match and silently block the page it was meant for.
    /// </summary>
    private static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0
        && string.Equals(value, uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}
