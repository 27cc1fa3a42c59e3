using System.Net;
using System.Text;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Every answer — a model's, an error, the framework's 404 — carries <c>X-Content-Type-Options: nosniff</c> and
/// no <c>Server</c> header; the admin API's answers, one of which carries a new API key, are never stored by a cache.
/// </summary>
public sealed class SecurityHeadersTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Answers_errors_and_unknown_paths_carry_nosniff_and_no_server_header()
    {
        using var gateway = GatewayHost.Start();
        using var client = gateway.CreateHttpClient();

        using var models = await client.GetAsync("/v1/models");
        using var chat = await client.PostChatAsync();
        using var invalid = await client.PostAsync("/v1/chat/completions", new StringContent("{", Encoding.UTF8, "application/json"));
        using var unknown = await client.GetAsync("/v1/no-such-endpoint");
        using var anonymous = await gateway.CreateHttpClient(apiKey: null).GetAsync("/v1/models");

        foreach (var (response, status) in new[] { (models, 200), (chat, 200), (invalid, 400), (unknown, 404), (anonymous, 401) })
        {
            ((int)response.StatusCode).ShouldBe(status);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            response.Headers.Contains("Server").ShouldBeFalse();
        }
    }

    [Fact]
    public async Task The_answer_that_carries_a_new_key_is_never_stored()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("headers@example.com");

        using var created = await admin.RawAsync(HttpMethod.Post, $"/admin/users/{user}/api-keys", new { name = "laptop" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadAsStringAsync()).ShouldContain("\"key\"");
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        created.Headers.Contains("Server").ShouldBeFalse();
    }
}
