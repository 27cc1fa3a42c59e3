namespace Gatewayz.Api.Catalog;

/// <summary>A model from either configuration form, with the settings that define it (for error messages).</summary>
/// <param name="Id">The public model id.</param>
/// <param name="SettingPath">The model's section, e.g. <c>Gatewayz:Models:openai/gpt-4o</c> or <c>Gatewayz:ModelList:0</c>.</param>
/// <param name="IdSetting">Where the id is written: the section's key in the dictionary form, its <c>Id</c> in the list form.</param>
/// <param name="Options">The model's settings.</param>
public sealed record ConfiguredModel(string Id, string SettingPath, string IdSetting, ModelOptions Options);
