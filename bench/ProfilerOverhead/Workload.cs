using System.Diagnostics;
using System.Security.Cryptography;
using Gatewayz.Api.Profiling;

/// <summary>
/// Gateway-like work on every core: each operation enters provider/model labels, yields (so the
/// label follows the flow across thread-pool threads), then hashes and formats a payload.
/// </summary>
internal static class Workload
{
    private static readonly string[] Providers = ["groq", "openrouter", "cerebras"];

    public static async Task<(long Operations, TimeSpan Cpu)> RunAsync(TimeSpan duration, int payloadBytes)
    {
        using var stop = new CancellationTokenSource(duration);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(worker => Task.Run(() => WorkAsync(worker, payloadBytes, stop.Token))).ToArray();
        var operations = (await Task.WhenAll(workers)).Sum();
        return (operations, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private static async Task<long> WorkAsync(int worker, int payloadBytes, CancellationToken stop)
    {
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        long operations = 0;
        while (!stop.IsCancellationRequested)
        {
            var provider = Providers[operations % Providers.Length];
            using (ProfilingLabels.Enter(provider, $"{provider}/model-{worker}", null))
            {
                await Task.Yield();
                payload[0] = (byte)operations;
                var hash = SHA256.HashData(payload);
                _ = Convert.ToHexString(hash).GetHashCode();
            }
            operations++;
        }
        return operations;
    }
}
