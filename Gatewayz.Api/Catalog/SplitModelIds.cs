using System.Reflection;

namespace Gatewayz.Api.Catalog;

/// <summary>
/// Finds the ids that the dictionary form of the model catalog cannot hold. Configuration keys use ':'
/// as their path separator, so <c>Gatewayz:Models:acme/tiny:free:Routes:0:Provider</c> binds as model
/// <c>acme/tiny</c> with a child <c>free</c> that no property takes, and it is silently merged into a
/// model named <c>acme/tiny</c> if one exists. The shape gives it away: a model section with a child
/// that is not a model setting.
/// </summary>
public static class SplitModelIds
{
    /// <summary>The names a model section may contain: the properties of <see cref="ModelOptions"/>.</summary>
    public static readonly IReadOnlySet<string> Settings = typeof(ModelOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(property => property.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every foreign child of every model below <paramref name="models"/> (the <c>Gatewayz:Models</c> section).</summary>
    public static IReadOnlyList<SplitModelId> Find(IConfigurationSection models)
    {
        var found = new List<SplitModelId>();
        foreach (var model in models.GetChildren())
        {
            var children = model.GetChildren().ToList();
            var hasOwnSettings = children.Any(HoldsSetting);
            foreach (var child in children.Where(child => !HoldsSetting(child)))
                found.Add(new SplitModelId(model.Key, RealId(model.Key, child), child.Path, hasOwnSettings));
        }
        return found;
    }

    private static bool HoldsSetting(IConfigurationSection section) => Settings.Contains(section.Key);

    /// <summary>
    /// The id runs down to the section that holds model settings: <c>llama3:8b:q4</c> arrives as
    /// llama3 → 8b → q4 → Routes. Null when no section below holds any.
    /// </summary>
    private static string? RealId(string prefix, IConfigurationSection section)
    {
        var id = $"{prefix}:{section.Key}";
        var children = section.GetChildren().ToList();
        if (children.Any(HoldsSetting))
            return id;
        return children.Select(child => RealId(id, child)).FirstOrDefault(deeper => deeper is not null);
    }
}
