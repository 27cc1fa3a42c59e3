using System.Net;
using System.Net.Sockets;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// Ports for the servers tests start as processes. They come from below Linux's ephemeral range
/// (32768 and up), so the source port of some outgoing connection cannot take one between the check
/// and the server's bind, and from a counter, so two servers of one test run never get the same one.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
        }
        throw new InvalidOperationException($"no free port between {First} and {Last}");
    }
}
