using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Gatewayz.Tests.Infrastructure;
using Npgsql;

namespace Gatewayz.Tests.Accounts;

/// <summary>
/// Every admin body field is checked before anything is stored: a bad value is a 400 in the gateway's error
/// JSON naming the field (a body over the admin API's limit a 413), never a 500, and the account tables are
/// left exactly as they were.
/// </summary>
public sealed class AdminValidationTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Theory]
    [InlineData("1e12")] // past numeric(20, 8): 13 digits before the point
    [InlineData("1e28")]
    [InlineData("-1e12")]
    [InlineData("1000000000.01")] // just over the per-grant maximum
    [InlineData("1e-9")] // a ninth decimal place: would be stored as 0
    [InlineData("0.123456789")]
    [InlineData("0")]
    [InlineData("\"x\"")]
    [InlineData("\"10\"")]
    [InlineData("1e400")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task A_grant_the_ledger_cannot_hold_exactly_is_400_naming_amount_and_changes_nothing(string amount)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("amount@example.com");
        await admin.GrantAsync(user, 5);

        await ShouldRefuseAsync(gateway, HttpMethod.Post, $"/admin/users/{user}/credits", $$"""{"amount":{{amount}},"reason":"probe"}""", "amount");

        (await admin.BalanceAsync(user)).ShouldBe(5m);
    }

    [Fact]
    public async Task A_grant_that_would_push_the_balance_past_its_column_is_400_naming_amount_and_stores_nothing()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("rich@example.com");
        // Usage and grants over time add up: here one entry written straight to the ledger brings the balance near the top.
        await using (var connection = new NpgsqlConnection(AccountTables.Database(gateway)))
            await connection.ExecuteAsync("insert into credit_ledger (user_id, amount, reason) values (@user, 999999999999, 'test')", new { user });

        await ShouldRefuseAsync(gateway, HttpMethod.Post, $"/admin/users/{user}/credits", """{"amount":1000000000,"reason":"one more"}""", "amount");

        (await admin.BalanceAsync(user)).ShouldBe(999_999_999_999m);
    }

    [Fact]
    public async Task Grants_in_cents_the_largest_grant_and_negative_corrections_still_apply()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("cents@example.com");

        (await admin.GrantAsync(user, 12.34m)).ShouldBe(12.34m);
        (await admin.GrantAsync(user, -2.30m)).ShouldBe(10.04m);
        (await admin.GrantAsync(user, 0.00000001m)).ShouldBe(10.04000001m);
        (await admin.GrantAsync(user, 1_000_000_000m)).ShouldBe(1_000_000_010.04000001m);
        (await admin.GrantAsync(user, -1_000_000_000m)).ShouldBe(10.04000001m);
        // Trailing zeros past the eighth place change nothing, so they are not extra places.
        using var response = await PostJsonAsync(gateway, $"/admin/users/{user}/credits", """{"amount":1.0000000000,"reason":"zeros"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await admin.BalanceAsync(user)).ShouldBe(11.04000001m);
    }

    [Theory]
    [InlineData("@")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@b@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@example.com.")]
    [InlineData(".ada@example.com")]
    [InlineData("ada..l@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("ada@example.com\u0000")]
    [InlineData("ada\u0085@example.com")]
    [InlineData("ada\n@example.com")]
    [InlineData("alice\u200b@example.com")] // a zero-width space: a look-alike of alice@example.com
    [InlineData("ev\u202eil@example.com")] // a right-to-left override
    [InlineData("\ufeffada@example.com")]
    public async Task A_malformed_email_is_400_naming_email_and_creates_no_user(string email)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);

        await ShouldRefuseAsync(gateway, HttpMethod.Post, "/admin/users", JsonSerializer.Serialize(new { email, name = "Ada" }), "email");
    }

    [Fact]
    public async Task An_email_longer_than_254_characters_is_400_naming_email()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        // Local part 64 (its own limit), then a domain of labels up to 63 characters.
        static string Email(int lastLabel) => new string('a', 64) + "@" + new string('b', 63) + "." + new string('b', 63) + "." + new string('b', lastLabel) + ".com";
        var longest = Email(57);
        longest.Length.ShouldBe(254);

        await ShouldRefuseAsync(gateway, HttpMethod.Post, "/admin/users", JsonSerializer.Serialize(new { email = Email(58) }), "email");
        await ShouldRefuseAsync(gateway, HttpMethod.Post, "/admin/users", JsonSerializer.Serialize(new { email = new string('a', 65) + "@example.com" }), "email");
        using var admin = new AdminClient(gateway);
        await admin.CreateUserAsync(longest);
    }

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ada.lovelace+gateway@mail.example.co.uk")]
    [InlineData("ops@localhost")]
    [InlineData("  padded@example.com  ")]
    [InlineData("zoë@exämple.de")]
    public async Task Ordinary_emails_are_accepted(string email)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);

        using var response = await PostJsonAsync(gateway, "/admin/users", JsonSerializer.Serialize(new { email, name = "Zoë Ada" }));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        JsonDocument.Parse(text).RootElement.GetProperty("email").GetString().ShouldBe(email.Trim());
    }

    [Fact]
    public async Task Emails_that_differ_only_in_case_are_one_user()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        await admin.CreateUserAsync("alice@example.com");

        using var again = await PostJsonAsync(gateway, "/admin/users", JsonSerializer.Serialize(new { email = "ALICE@Example.COM" }));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("users", "email", 1024 * 1024)]
    [InlineData("users", "name", 5 * 1024 * 1024)]
    [InlineData("api-keys", "name", 5 * 1024 * 1024)]
    [InlineData("credits", "reason", 5 * 1024 * 1024)]
    public async Task A_huge_field_is_413_even_where_the_gateway_takes_large_bodies_and_stores_nothing(string endpoint, string field, int length)
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: LargeChatBodies);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("huge@example.com");
        var huge = new string('x', length);

        var (path, body) = BodyWith(endpoint, user, field, field == "email" ? huge + "@example.com" : huge);

        await ShouldBeTooLargeAsync(gateway, path, Json(body));
    }

    [Fact]
    public async Task A_compressed_admin_body_is_held_to_the_admin_limit_once_decompressed()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: LargeChatBodies);
        // 200 KB of JSON in well under 64 KB of gzip: only decompressed is it over the admin API's limit.
        var body = Compression.Compress("gzip", JsonSerializer.Serialize(new { email = "zip@example.com", name = new string('n', 200 * 1024) }));
        body.Length.ShouldBeLessThan(4 * 1024);

        await ShouldBeTooLargeAsync(gateway, "/admin/users", Compression.EncodedJson(body, "gzip"));
    }

    [Theory]
    [InlineData("users", "name", 201)]
    [InlineData("users", "name", 0, "Ada\u0000")]
    [InlineData("users", "name", 0, "Ada\u0007Lovelace")]
    [InlineData("users", "name", 0, "Ada\nLovelace")]
    [InlineData("users", "name", 0, "Ada\u009bLovelace")]
    [InlineData("users", "name", 0, "Ada\u2028Lovelace")]
    [InlineData("api-keys", "name", 201)]
    [InlineData("api-keys", "name", 0, "laptop\u0000")]
    [InlineData("api-keys", "name", 0, "lap\ttop")]
    [InlineData("credits", "reason", 501)]
    [InlineData("credits", "reason", 0, "welcome\u0000")]
    [InlineData("credits", "reason", 0, "wel\u001bcome")]
    [InlineData("users", "name", 0, "x\u202egnp.exe")] // displays as xexe.png
    [InlineData("api-keys", "name", 0, "\ufeffadmin")]
    [InlineData("users", "name", 0, "Ada\uffff")]
    [InlineData("credits", "reason", 0, "wel\u2066come")]
    public async Task A_text_field_too_long_or_with_control_characters_is_400_naming_it_and_stores_nothing(string endpoint, string field, int length, string? value = null)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("fields@example.com");

        var (path, body) = BodyWith(endpoint, user, field, value ?? new string('x', length));

        await ShouldRefuseAsync(gateway, HttpMethod.Post, path, body, field);
    }

    [Theory]
    [InlineData("name", 200)]
    [InlineData("reason", 500)]
    public async Task Text_fields_at_their_limit_are_stored(string field, int length)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("limits@example.com");
        var value = "Zoë " + new string('x', length - 4);

        var (path, body) = BodyWith(field == "name" ? "api-keys" : "credits", user, field, value);
        using var response = await PostJsonAsync(gateway, path, body);

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        await using var connection = new NpgsqlConnection(AccountTables.Database(gateway));
        var stored = field == "name"
            ? await connection.ExecuteScalarAsync<string>("select name from api_keys")
            : await connection.ExecuteScalarAsync<string>("select reason from credit_ledger");
        stored.ShouldBe(value);
    }

    [Theory]
    [InlineData("/admin/users", """{"email":5}""", "email")]
    [InlineData("/admin/users", """{"email":"ada@example.com","name":["Ada"]}""", "name")]
    [InlineData("/admin/users/{user}/api-keys", """{"name":{"first":"laptop"}}""", "name")]
    [InlineData("/admin/users/{user}/api-keys", """{"name":"laptop","roles":["monitoring",5]}""", "roles[1]")]
    [InlineData("/admin/users/{user}/credits", """{"amount":1,"reason":7}""", "reason")]
    [InlineData("/admin/users/{user}/credits", """{"amount":1,"amount":2}""", "amount")]
    [InlineData("/admin/users/{user}/credits", """{"reason":"no amount"}""", "amount")]
    [InlineData("/admin/users/{user}/credits", "", "amount")] // no body at all
    [InlineData("/admin/users", "", "email")]
    [InlineData("/admin/users/{user}/api-keys", "", "name")]
    [InlineData("/admin/users/{user}/trial/start", """{"days":"many"}""", "days")]
    [InlineData("/admin/users/{user}/trial/start", """{"days":0}""", "days")]
    [InlineData("/admin/users", """{"email":"ada\ud800@example.com"}""", "email")] // a lone surrogate: no text at all
    [InlineData("/admin/users/{user}/api-keys", """{"name":"lap\udc00top"}""", "name")]
    public async Task A_field_json_cannot_give_as_its_type_is_400_naming_it(string path, string body, string field)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("types@example.com");

        await ShouldRefuseAsync(gateway, HttpMethod.Post, path.Replace("{user}", user.ToString()), body, field);
    }

    [Theory]
    [InlineData("""{"tier":"pro\u0000"}""", "tier")]
    [InlineData("""{"tier":"pro","status":"active\u0000"}""", "status")]
    [InlineData("""{"tier":"pro","status":3}""", "status")]
    public async Task A_subscription_with_a_bad_tier_or_status_is_400_naming_it(string body, string field)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("subscriber@example.com");

        await ShouldRefuseAsync(gateway, HttpMethod.Put, $"/admin/users/{user}/subscription", body, field);
    }

    [Fact]
    public async Task Outside_Development_a_field_of_the_wrong_json_type_is_still_named()
    {
        // Development makes the framework throw on a body it cannot bind; elsewhere it would answer a bare 400.
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:Cors:AllowedOrigins:0"] = "https://app.example.com",
        }, environment: "Production");
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("production@example.com");

        await ShouldRefuseAsync(gateway, HttpMethod.Post, $"/admin/users/{user}/credits", """{"amount":"x"}""", "amount");
    }

    [Fact]
    public async Task The_credit_limits_match_the_ledger_and_balance_columns()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        await using var connection = new NpgsqlConnection(AccountTables.Database(gateway));

        var columns = (await connection.QueryAsync<(string Table, int Precision, int Scale)>("""
            select table_name, numeric_precision, numeric_scale from information_schema.columns
            where (table_name, column_name) in (('credit_ledger', 'amount'), ('credit_balances', 'balance'))
            """)).ToList();

        columns.Count.ShouldBe(2);
        columns.ShouldAllBe(column => column.Precision == Gatewayz.Api.Accounts.Admin.AdminFieldRules.CreditPrecision
            && column.Scale == Gatewayz.Api.Accounts.Admin.AdminFieldRules.CreditScale);
    }

    /// <summary>Settings of a deployment that takes 8 MB chat bodies (long contexts, images).</summary>
    private static Dictionary<string, string?> LargeChatBodies => new() { ["Gatewayz:MaxRequestBodyBytes"] = (8 * 1024 * 1024).ToString() };

    private static async Task<HttpResponseMessage> PostJsonAsync(GatewayHost gateway, string path, string json)
    {
        using var client = gateway.CreateHttpClient(apiKey: AdminClient.Token);
        return await client.PostAsync(path, Json(json));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A valid body for the admin <paramref name="endpoint"/> (users, api-keys, credits) but for <paramref name="field"/>, which is <paramref name="value"/>.</summary>
    private static (string Path, string Json) BodyWith(string endpoint, Guid user, string field, string value) => (endpoint, field) switch
    {
        ("users", "email") => ("/admin/users", JsonSerializer.Serialize(new { email = value, name = "Ada" })),
        ("users", _) => ("/admin/users", JsonSerializer.Serialize(new { email = "new@example.com", name = value })),
        ("api-keys", _) => ($"/admin/users/{user}/api-keys", JsonSerializer.Serialize(new { name = value })),
        _ => ($"/admin/users/{user}/credits", JsonSerializer.Serialize(new { amount = 1, reason = value })),
    };

    /// <summary>
    /// Posts <paramref name="content"/> as curl sends a large body (<c>Expect: 100-continue</c>), so that a server that
    /// refuses it answers before the body is sent (without it the client would still be writing when the server closes
    /// the connection, and would see a broken pipe instead of the answer), and expects a 413 with nothing stored.
    /// </summary>
    private static async Task ShouldBeTooLargeAsync(GatewayHost gateway, string path, HttpContent content)
    {
        var before = await AccountTables.SnapshotAsync(gateway);
        using var client = gateway.CreateHttpClient(apiKey: AdminClient.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        await ErrorJson.ShouldBeOpenAiError(response, 413, "request_too_large");
        (await AccountTables.SnapshotAsync(gateway)).ShouldBe(before);
    }

    /// <summary>
    /// Sends <paramref name="json"/> and expects a 400 in the OpenAI error format whose <c>param</c> is
    /// <paramref name="field"/>, with the account tables just as they were.
    /// </summary>
    private static async Task ShouldRefuseAsync(GatewayHost gateway, HttpMethod method, string path, string json, string field)
    {
        var before = await AccountTables.SnapshotAsync(gateway);
        using var client = gateway.CreateHttpClient(apiKey: AdminClient.Token);
        using var request = new HttpRequestMessage(method, path) { Content = Json(json) };

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        error.GetProperty("param").GetString().ShouldBe(field, text);
        error.GetProperty("message").GetString()!.ShouldContain($"'{field}'");
        text.Length.ShouldBeLessThan(2048, "an error does not echo a large value back");
        (await AccountTables.SnapshotAsync(gateway)).ShouldBe(before);
    }
}
