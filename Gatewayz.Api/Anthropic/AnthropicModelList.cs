using System.Text.Json.Serialization;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// One page of <c>GET /v1/models</c> in Anthropic's shape, paged as Anthropic's API documents it: <c>limit</c>
/// (1 to 1000, default 20) models after <c>after_id</c> or before <c>before_id</c>; <c>has_more</c> says whether
/// more lie in that direction, and <c>first_id</c> / <c>last_id</c> are the cursors for the pages either side.
/// </summary>
public sealed record AnthropicModelList(
    [property: JsonPropertyName("data")] IReadOnlyList<AnthropicModelInfo> Data,
    [property: JsonPropertyName("has_more")] bool HasMore)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    [JsonPropertyName("first_id")]
    public string? FirstId => Data.Count > 0 ? Data[0].Id : null;

    [JsonPropertyName("last_id")]
    public string? LastId => Data.Count > 0 ? Data[^1].Id : null;

    /// <summary>
    /// The page of <paramref name="catalog"/>'s models (ordered by id) the query asks for. A cursor is a position
    /// in that order, so a page stays right when the cursor's model is gone (after a configuration change).
    /// </summary>
    public static AnthropicModelList Page(ModelCatalog catalog, IQueryCollection query)
    {
        var limit = Limit(query);
        var afterId = Cursor(catalog, query, "after_id");
        var beforeId = Cursor(catalog, query, "before_id");
        if (afterId is not null && beforeId is not null)
            throw new GatewayException(GatewayError.InvalidValue("before_id", "give either before_id or after_id, not both."));

        var models = catalog.Models;
        int start, end;
        if (beforeId is not null)
        {
            end = FirstIndexNotBefore(models, beforeId);
            start = Math.Max(0, end - limit);
        }
        else
        {
            start = afterId is null ? 0 : FirstIndexAfter(models, afterId);
            end = Math.Min(models.Count, start + limit);
        }
        var data = new AnthropicModelInfo[end - start];
        for (var i = start; i < end; i++)
            data[i - start] = Describe(models[i]);
        return new AnthropicModelList(data, HasMore: beforeId is not null ? start > 0 : end < models.Count);
    }

    public static AnthropicModelInfo Describe(CatalogModel model) => new(model.Id, model.Id);

    private static int Limit(IQueryCollection query)
    {
        if (!query.TryGetValue("limit", out var values))
            return DefaultLimit;
        return values.Count == 1 && int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new GatewayException(GatewayError.InvalidValue("limit", $"expected an integer from 1 to {MaxLimit}."));
    }

    /// <summary>A cursor as the catalog spells the model (ids are case-insensitive), or as sent for a model it does not have.</summary>
    private static string? Cursor(ModelCatalog catalog, IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
            return null;
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            throw new GatewayException(GatewayError.InvalidValue(name, "expected one model id."));
        return catalog.TryGetModel(values[0]!, out var model) ? model.Id : values[0];
    }

    private static int FirstIndexAfter(IReadOnlyList<CatalogModel> models, string id)
    {
        var i = 0;
        while (i < models.Count && string.CompareOrdinal(models[i].Id, id) <= 0)
            i++;
        return i;
    }

    private static int FirstIndexNotBefore(IReadOnlyList<CatalogModel> models, string id)
    {
        var i = 0;
        while (i < models.Count && string.CompareOrdinal(models[i].Id, id) < 0)
            i++;
        return i;
    }
}
