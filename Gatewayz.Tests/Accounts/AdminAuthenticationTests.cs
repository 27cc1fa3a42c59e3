using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Gatewayz.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Accounts;

/// <summary>The admin API decides on the admin token before it reads a byte of the body.</summary>
public sealed class AdminAuthenticationTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Post, "/admin/users"),
        (HttpMethod.Post, $"/admin/users/{Guid.Empty}/api-keys"),
        (HttpMethod.Post, $"/admin/users/{Guid.Empty}/credits"),
        (HttpMethod.Put, $"/admin/users/{Guid.Empty}/subscription"),
        (HttpMethod.Post, $"/admin/users/{Guid.Empty}/trial/start"),
        (HttpMethod.Put, $"/admin/api-keys/{Guid.Empty}/roles"),
    ];

    private static readonly (string Body, string ContentType)[] MalformedBodies =
    [
        ("{", "application/json"),
        ("[]", "application/json"),
        ("""{"amount":"lots","email":7}""", "application/json"),
        ("", "application/json"),
        ("null", "application/json"),
        (new string('[', 10_000), "application/json"),
        ("email=a@b.c", "application/x-www-form-urlencoded"),
        ("{\"email\":\"\xff\xfe\"}", "text/plain"),
    ];

    private static readonly AuthenticationHeaderValue?[] WrongCredentials =
    [
        null,
        new("Bearer", "not-the-admin-token"),
        new("Bearer", AdminClient.Token + "x"),
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:" + AdminClient.Token))),
    ];

    [Fact]
    public async Task Every_request_without_the_admin_token_is_401_whatever_its_body()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var http = gateway.CreateHttpClient(apiKey: null);

        var answers = new List<(string Case, HttpStatusCode Status, string Body)>();
        var index = 0;
        foreach (var credentials in WrongCredentials)
        {
            foreach (var (body, contentType) in MalformedBodies)
            {
                var (method, path) = Endpoints[index++ % Endpoints.Length];
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
                request.Headers.Authorization = credentials;
                using var response = await http.SendAsync(request);
                answers.Add(($"{method} {path} {credentials?.Scheme ?? "none"} {body[..Math.Min(body.Length, 12)]}", response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        var refused = answers.Count(answer => answer.Status == HttpStatusCode.Unauthorized && answer.Body.Contains("invalid_admin_token"));
        output.WriteLine($"{refused} of {answers.Count} malformed requests without the admin token answered 401 invalid_admin_token");
        foreach (var answer in answers.Where(answer => answer.Status != HttpStatusCode.Unauthorized))
            output.WriteLine($"  {answer.Case}: {(int)answer.Status} {answer.Body}");
        answers.Count.ShouldBe(32);
        refused.ShouldBe(answers.Count);
    }

    [Fact]
    public async Task A_request_without_the_admin_token_is_refused_while_its_body_is_still_arriving()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.BaseUrl.Host, gateway.BaseUrl.Port);
        var stream = tcp.GetStream();
        // A body announced at 1 MB, of which 16 bytes come: an endpoint that read it first would wait for the rest.
        var head = $"POST /admin/users HTTP/1.1\r\nHost: {gateway.BaseUrl.Authority}\r\nAuthorization: Bearer wrong\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{\"email\":\"a@b.c\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var answer = Encoding.UTF8.GetString(buffer, 0, read);

        answer.ShouldStartWith("HTTP/1.1 401");
        answer.ShouldContain("invalid_admin_token");
    }

    [Fact]
    public async Task Wrong_admin_tokens_spend_the_address_budget_and_past_it_even_the_right_token_waits()
    {
        const int budget = 5;
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:FailedAuthPerMinute"] = budget.ToString(),
        });
        using var guesser = gateway.CreateHttpClient(apiKey: "guess-0");
        for (var i = 0; i < budget; i++)
            await ErrorJson.ShouldBeOpenAiError(await guesser.GetAsync($"/admin/users/{Guid.Empty}/credits"), 401, "invalid_admin_token");

        using var refused = await guesser.GetAsync($"/admin/users/{Guid.Empty}/credits");
        await ErrorJson.ShouldBeOpenAiError(refused, 429, "rate_limit_exceeded");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        using var admin = gateway.CreateHttpClient(AdminClient.Token);
        ((int)(await admin.GetAsync($"/admin/users/{Guid.Empty}/credits")).StatusCode).ShouldBe(429,
            "past the budget a token is not even compared, or guessing would go on at full speed");
    }

    [Fact]
    public async Task Past_the_admin_token_budget_the_monitoring_api_does_not_take_the_admin_token_either()
    {
        const int budget = 5;
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>
        {
            ["Gatewayz:RateLimits:FailedAuthPerMinute"] = budget.ToString(),
        });
        for (var i = 0; i <= budget; i++)
        {
            using var guesser = gateway.CreateHttpClient(apiKey: $"guess-{i}");
            (await guesser.GetAsync("/api/monitoring/trial-analytics")).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        }

        using var admin = gateway.CreateHttpClient(AdminClient.Token);
        using var answer = await admin.GetAsync("/api/monitoring/trial-analytics");
        ((int)answer.StatusCode).ShouldBe(429, "a guess that matched would otherwise stand out from the refused ones");
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/api/monitoring/health")]
    public async Task An_unsupported_content_encoding_without_credentials_is_401_not_415(string path)
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var http = gateway.CreateHttpClient(apiKey: null);
        using var request = new HttpRequestMessage(path.StartsWith("/admin") ? HttpMethod.Post : HttpMethod.Get, path)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentEncoding.Add("zstd");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
