namespace Gatewayz.Api.Responses;

public static class ResponsesServiceCollectionExtensions
{
    /// <summary>The Responses API's store (<see cref="ResponseStore"/>) and its settings; call after <c>AddRedisConnection()</c>.</summary>
    public static IHostApplicationBuilder AddResponses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResponsesOptions>()
            .Bind(builder.Configuration.GetSection(ResponsesOptions.SectionName))
            .Validate(options => options.StoreSeconds is >= 1 and <= 30 * 86_400, $"{ResponsesOptions.SectionName}:StoreSeconds must be between 1 and 2592000 (30 days).")
            .Validate(options => options.StoreMemoryEntries >= 1, $"{ResponsesOptions.SectionName}:StoreMemoryEntries must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ResponseStore>();
        return builder;
    }
}
