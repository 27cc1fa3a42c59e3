namespace Gatewayz.Api.Catalog;

/// <summary>
/// A child of a <c>Gatewayz:Models:ID</c> section that is not a model setting.
/// </summary>
/// <param name="DictionaryKey">The model id the binder saw (the part before the first ':').</param>
/// <param name="RealId">The id that was written, colons included; null when the child holds no model settings at all (a misspelt setting).</param>
/// <param name="SettingPath">The configuration path of the foreign child, e.g. <c>Gatewayz:Models:acme/tiny:free</c>.</param>
/// <param name="KeyHasOwnSettings">Whether <paramref name="DictionaryKey"/> is also a model in its own right (the split id was merged into it).</param>
public sealed record SplitModelId(string DictionaryKey, string? RealId, string SettingPath, bool KeyHasOwnSettings);
