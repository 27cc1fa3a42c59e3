using System.Collections.Frozen;

namespace Gatewayz.Api.Catalog;

/// <summary>
/// The names of <see cref="ModelOperation"/> in configuration and in errors, and the paths each one serves.
/// A model without <c>Endpoints</c> serves <see cref="Default"/>, chat alone, so catalogs written before
/// models declared their endpoints keep working.
/// </summary>
public static class ModelOperations
{
    /// <summary>What a model serves when its configuration does not say.</summary>
    public static readonly IReadOnlySet<ModelOperation> Default = new[] { ModelOperation.Chat }.ToFrozenSet();

    private static readonly FrozenDictionary<string, ModelOperation> ByName = Enum.GetValues<ModelOperation>()
        .ToFrozenDictionary(NameOf, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configuration name, in declaration order: <c>chat, embeddings, completions, images, responses</c>.</summary>
    public static IEnumerable<string> Names => Enum.GetValues<ModelOperation>().Select(NameOf);

    /// <summary>The operation's name in <c>Endpoints</c>: <c>chat</c>, <c>embeddings</c>, <c>completions</c>, <c>images</c>, <c>responses</c>.</summary>
    public static string NameOf(ModelOperation operation) => operation switch
    {
        ModelOperation.Chat => "chat",
        ModelOperation.Embeddings => "embeddings",
        ModelOperation.Completions => "completions",
        ModelOperation.Images => "images",
        ModelOperation.Responses => "responses",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>The gateway paths that serve the operation, for error messages.</summary>
    public static string PathsOf(ModelOperation operation) => operation switch
    {
        ModelOperation.Chat => "/v1/chat/completions, /v1/messages",
        ModelOperation.Embeddings => "/v1/embeddings",
        ModelOperation.Completions => "/v1/completions",
        ModelOperation.Images => "/v1/images/generations",
        ModelOperation.Responses => "/v1/responses",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Reads one <c>Endpoints</c> entry (case-insensitive); false for a name no operation has.</summary>
    public static bool TryParse(string? name, out ModelOperation operation) => ByName.TryGetValue(name?.Trim() ?? "", out operation);

    /// <summary>
    /// The operations of a model's <c>Endpoints</c> setting (<see cref="Default"/> when unset); names that
    /// <see cref="TryParse"/> refuses are left out here, start-up validation reports them.
    /// </summary>
    public static IReadOnlySet<ModelOperation> Of(IReadOnlyList<string>? endpoints)
    {
        if (endpoints is not { Count: > 0 })
            return Default;
        var operations = new HashSet<ModelOperation>();
        foreach (var name in endpoints)
        {
            if (TryParse(name, out var operation))
                operations.Add(operation);
        }
        return operations.Count == 0 ? Default : operations.ToFrozenSet();
    }

    /// <summary>A model's operations with their paths: <c>embeddings (/v1/embeddings)</c>, in declaration order.</summary>
    public static string Describe(IReadOnlySet<ModelOperation> operations) =>
        string.Join("; ", Enum.GetValues<ModelOperation>().Where(operations.Contains).Select(operation => $"{NameOf(operation)} ({PathsOf(operation)})"));
}
