using System.Net.Sockets;
using System.Text;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A body the client framed badly is the client's fault on every endpoint that reads a body: a 400 in the
/// endpoint's error format, recorded under that status, never as an unhandled exception or an error log, so
/// no client can trip the 5xx and exception alerts. The requests go out as raw bytes on a socket: no HTTP
/// client would send them.
/// </summary>
public sealed class ClientFramingErrorTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly GatewayHost _gateway;

    public ClientFramingErrorTests() => _gateway = GatewayHost.Start(services: services => services.AddSingleton<ILoggerProvider>(_logs));

    public static TheoryData<string, string, string> Framings => new()
    {
        // Larger than Kestrel's chunk-size counter: it reports an IOException, not a BadHttpRequestException.
        { "/v1/chat/completions", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "\"error\":{" },
        { "/v1/messages", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "\"type\":\"error\"" },
        { "/v1/messages/count_tokens", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "\"type\":\"error\"" },
        // Not hexadecimal at all: Kestrel's own BadHttpRequestException.
        { "/v1/chat/completions", "zz\r\n{}\r\n0\r\n\r\n", "\"error\":{" },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task A_malformed_chunked_body_is_a_400_in_the_apis_format_with_no_error_log(string path, string chunkedBody, string errorShape)
    {
        var response = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {GatewayHost.DevelopmentKey}\r\nx-api-key: {GatewayHost.DevelopmentKey}\r\n" +
            $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunkedBody}");

        response.ShouldStartWith("HTTP/1.1 400 ");
        response.ShouldContain(errorShape);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("route", path), ("status_code", "400")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("route", path), ("status_code", "500")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_http_exceptions_total").ShouldBe(0);
        _logs.Lines.ShouldNotContain(line => line.Contains("\"level\":\"Error\"") || line.Contains("\"level\":\"Critical\""));
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(_gateway.BaseUrl.Host, _gateway.BaseUrl.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    public void Dispose() => _gateway.Dispose();
}
