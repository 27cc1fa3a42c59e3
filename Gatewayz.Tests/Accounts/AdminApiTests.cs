using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Gatewayz.Api.Auth;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenAI.Chat;

namespace Gatewayz.Tests.Accounts;

public sealed class AdminApiTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Without_an_admin_token_configured_the_admin_api_does_not_exist()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, adminToken: null);
        using var admin = new AdminClient(gateway);

        using var response = await admin.RawAsync(HttpMethod.Post, "/admin/users", new { email = "a@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_bodies_are_held_to_the_gateway_limit_once_decompressed_and_must_be_json()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var client = gateway.CreateHttpClient(apiKey: AdminClient.Token);
        // 4 MB of JSON in about 4 KB of gzip: only decompressed is it over the default 1 MiB limit.
        var bomb = Compression.Compress("gzip", JsonSerializer.Serialize(new { email = new string('x', 4 * 1024 * 1024) + "@example.com" }));
        bomb.Length.ShouldBeLessThan(64 * 1024);

        await ErrorJson.ShouldBeOpenAiError(await client.PostAsync("/admin/users", Compression.EncodedJson(bomb, "gzip")), 413, "request_too_large");
        await ErrorJson.ShouldBeOpenAiError(
            await client.PostAsync("/admin/users", new StringContent("""{"email":"plain@example.com"}""", Encoding.UTF8, "text/plain")), 415, "unsupported_media_type");
    }

    [Fact]
    public async Task A_wrong_admin_token_gets_401_and_creates_nothing()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var intruder = new AdminClient(gateway, token: AdminClient.Token + "x");

        using var response = await intruder.RawAsync(HttpMethod.Post, "/admin/users", new { email = "b@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid_admin_token");
    }

    [Fact]
    public async Task A_key_created_by_the_admin_api_works_with_the_OpenAI_SDK_is_stored_only_as_its_hash_and_stops_working_when_revoked()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("sdk@example.com");
        await admin.GrantAsync(user, 5);
        var (keyId, key) = await admin.CreateKeyAsync(user);

        var chat = gateway.CreateOpenAiClient(key).GetChatClient("openai/gpt-4o-mini");
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello")]);
        completion.Content.ShouldNotBeEmpty();

        await using (var connection = new NpgsqlConnection(gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString))
        {
            (await connection.ExecuteScalarAsync<string>("select key_hash from api_keys where id = @keyId", new { keyId })).ShouldBe(ApiKeyHash.Of(key).Hex);
            (await connection.ExecuteScalarAsync<int>("select count(*) from api_keys where key_hash = @key or name = @key", new { key })).ShouldBe(0);
        }

        (await admin.RevokeKeyAsync(keyId)).GetProperty("revoked_at").GetString().ShouldNotBeNull();
        var failure = await Should.ThrowAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hello again")]));
        failure.Status.ShouldBe(401);
    }

    [Fact]
    public async Task Configured_keys_keep_working_next_to_the_account_database_and_are_not_metered()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);

        ChatCompletion completion = await gateway.CreateChatClient("openai/gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")]);

        completion.Content.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Bad_admin_inputs_get_400_and_unknown_users_404()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("inputs@example.com");

        using var noEmail = await admin.RawAsync(HttpMethod.Post, "/admin/users", new { name = "x" });
        using var duplicate = await admin.RawAsync(HttpMethod.Post, "/admin/users", new { email = "inputs@example.com" });
        using var badTier = await admin.RawAsync(HttpMethod.Put, $"/admin/users/{user}/subscription", new { tier = "platinum" });
        using var unknownUser = await admin.RawAsync(HttpMethod.Post, $"/admin/users/{Guid.NewGuid()}/credits", new { amount = 1 });

        noEmail.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        badTier.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownUser.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
