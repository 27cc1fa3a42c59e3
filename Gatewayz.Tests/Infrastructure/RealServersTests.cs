using System.Net.Sockets;
using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>The local-process servers the other tests rely on really start, answer, stop and restart.</summary>
public sealed class RealServersTests
{
    [Fact]
    public async Task Redis_answers_ping_and_comes_back_after_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        (await PingAsync(redis.Port)).ShouldStartWith("+PONG");

        redis.Stop();
        await Should.ThrowAsync<SocketException>(() => PingAsync(redis.Port));

        await redis.RestartAsync();
        (await PingAsync(redis.Port)).ShouldStartWith("+PONG");
    }

    [Fact]
    public async Task Postgres_accepts_connections()
    {
        await using var postgres = await PostgresServer.StartAsync();

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", postgres.Port);
        client.Connected.ShouldBeTrue();
    }

    private static async Task<string> PingAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
