namespace Gatewayz.Api.Responses;

/// <summary><c>Gatewayz:Responses</c>: how long the Responses API's stored responses are kept.</summary>
public sealed class ResponsesOptions
{
    public const string SectionName = "Gatewayz:Responses";

    /// <summary>
    /// How long a response stored with <c>store: true</c> (the default) can be continued from (<c>previous_response_id</c>)
    /// and read (<c>GET /v1/responses/{id}</c>), in seconds. OpenAI keeps them 30 days; a gateway keeps conversations in
    /// Redis, so an hour by default.
    /// </summary>
    public int StoreSeconds { get; set; } = 3600;

    /// <summary>Stored responses a replica keeps in memory at most while Redis is not configured or down.</summary>
    public int StoreMemoryEntries { get; set; } = 10_000;
}
