using System.Globalization;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Monitoring;

/// <summary>Validates the monitoring API's path and query values: 400 for a bad value, 404 for an unknown provider or model.</summary>
public static class MonitoringParameters
{
    public const int MaxHistoryHours = 24 * 30;

    public static int Range(string? value, string name, int fallback, int min, int max)
    {
        if (value is null) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        throw new GatewayException(GatewayError.InvalidValue(name, $"an integer from {min} to {max}."));
    }

    public static IReadOnlyList<double> Percentiles(string? value)
    {
        if (value is null) return [50, 95, 99];
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var percentiles = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentile) || percentile <= 0 || percentile > 100)
                throw new GatewayException(GatewayError.InvalidValue("percentiles", "a comma-separated list of numbers greater than 0 and at most 100, e.g. 50,95,99."));
            percentiles.Add(percentile);
        }
        if (percentiles.Count > 10)
            throw new GatewayException(GatewayError.InvalidValue("percentiles", "at most 10 percentiles."));
        return percentiles;
    }

    public static string Provider(ModelCatalog catalog, string provider) =>
        catalog.ProviderNames.FirstOrDefault(name => string.Equals(name, provider, StringComparison.OrdinalIgnoreCase))
        ?? throw new GatewayException(new GatewayError(StatusCodes.Status404NotFound, "provider_not_found", $"Unknown provider '{Truncate(provider)}'.", "provider"));

    public static string Model(ModelCatalog catalog, string model) =>
        catalog.TryGetModel(model, out var found) ? found.Id : throw new GatewayException(GatewayError.ModelNotFound(model));

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
