using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

/// <summary>The admin API as an operator calls it: plain HTTP with the admin bearer token.</summary>
public sealed class AdminClient(HttpClient http) : IDisposable
{
    public const string Token = "test-admin-token-0123456789";

    private readonly HttpClient _http = http;

    public AdminClient(GatewayHost gateway, string token = Token) : this(gateway.CreateHttpClient(apiKey: token))
    {
    }

    public async Task<Guid> CreateUserAsync(string email) =>
        (await SendAsync(HttpMethod.Post, "/admin/users", new { email, name = "Test User" })).GetProperty("id").GetGuid();

    public async Task<(Guid Id, string Key)> CreateKeyAsync(Guid userId, string name = "test key", string[]? roles = null)
    {
        var key = await SendAsync(HttpMethod.Post, $"/admin/users/{userId}/api-keys", new { name, roles = roles ?? [] });
        return (key.GetProperty("id").GetGuid(), key.GetProperty("key").GetString()!);
    }

    /// <summary>Replaces a key's roles; returns the key as the admin API shows it.</summary>
    public Task<JsonElement> SetRolesAsync(Guid keyId, params string[] roles) => SendAsync(HttpMethod.Put, $"/admin/api-keys/{keyId}/roles", new { roles });

    /// <summary>A new user with <paramref name="credits"/> and one key.</summary>
    public async Task<(Guid User, string Key)> CreateFundedKeyAsync(string email, decimal credits)
    {
        var user = await CreateUserAsync(email);
        await GrantAsync(user, credits);
        return (user, (await CreateKeyAsync(user)).Key);
    }

    public Task<JsonElement> RevokeKeyAsync(Guid keyId) => SendAsync(HttpMethod.Delete, $"/admin/api-keys/{keyId}", null);

    public async Task<decimal> GrantAsync(Guid userId, decimal amount) =>
        (await SendAsync(HttpMethod.Post, $"/admin/users/{userId}/credits", new { amount, reason = "test" })).GetProperty("balance").GetDecimal();

    public async Task<decimal> BalanceAsync(Guid userId) =>
        (await SendAsync(HttpMethod.Get, $"/admin/users/{userId}/credits", null)).GetProperty("balance").GetDecimal();

    public Task<JsonElement> StartTrialAsync(Guid userId) => SendAsync(HttpMethod.Post, $"/admin/users/{userId}/trial/start", new { days = 14 });

    public Task<JsonElement> ConvertTrialAsync(Guid userId) => SendAsync(HttpMethod.Post, $"/admin/users/{userId}/trial/convert", null);

    public Task<JsonElement> SubscribeAsync(Guid userId, string tier) => SendAsync(HttpMethod.Put, $"/admin/users/{userId}/subscription", new { tier, status = "active" });

    public async Task<HttpResponseMessage> RawAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body)
    {
        using var response = await RawAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
