// Measures what the continuous profiler costs: the same CPU-bound, async, labelled workload runs in
// alternating phases with the profiler off and on (pushing to a local stand-in for Pyroscope). Each
// off/on pair gives a throughput ratio and a CPU-per-operation ratio; the medians are reported, with
// the profiler's own CPU use estimated as the on phases' CPU minus what their operations cost when off.
//
// The payload size sets how much work one labelled operation does: 4 KB is ~3 us (labels dominate),
// 256 KB is ~0.2 ms, closer to the CPU a gateway request costs.
//
//   dotnet run -c Release --project bench/ProfilerOverhead -- [phaseSeconds] [pairs] [sampleSeconds] [intervalSeconds] [payloadBytes]
var phaseSeconds = args.Length > 0 ? int.Parse(args[0]) : 30;
var pairs = args.Length > 1 ? int.Parse(args[1]) : 3;
var sampleSeconds = args.Length > 2 ? args[2] : "2";
var intervalSeconds = args.Length > 3 ? args[3] : "15";
var payloadBytes = args.Length > 4 ? int.Parse(args[4]) : 256 * 1024;

await using var pyroscope = await IngestCounter.StartAsync();
Console.WriteLine($"phases of {phaseSeconds}s, {pairs} off/on pairs, profiler samples {sampleSeconds}s every {intervalSeconds}s, {payloadBytes} B per operation, {Environment.ProcessorCount} cores");

var throughputRatios = new List<double>();
var cpuRatios = new List<double>();
var profilerCores = new List<double>();
for (var pair = 0; pair < pairs; pair++)
{
    var off = await RunPhaseAsync(on: false);
    var on = await RunPhaseAsync(on: true);
    throughputRatios.Add(on.OpsPerSecond / off.OpsPerSecond);
    cpuRatios.Add(on.CpuPerOp / off.CpuPerOp);
    profilerCores.Add(on.Cores - on.OpsPerSecond * off.CpuPerOp);
}

Console.WriteLine($"median throughput on/off: {Median(throughputRatios):F3}");
Console.WriteLine($"median CPU per op on/off: {Median(cpuRatios):F3}");
Console.WriteLine($"median profiler CPU: {Median(profilerCores) * 100:F1}% of one core");
Console.WriteLine($"profiles pushed: {pyroscope.Profiles}, bytes: {pyroscope.Bytes}");

async Task<(double OpsPerSecond, double CpuPerOp, double Cores)> RunPhaseAsync(bool on)
{
    using var profiler = on ? await ProfilerHost.StartAsync(pyroscope.BaseUrl, sampleSeconds, intervalSeconds) : null;
    var (ops, cpu) = await Workload.RunAsync(TimeSpan.FromSeconds(phaseSeconds), payloadBytes);
    var result = (ops / (double)phaseSeconds, cpu.TotalSeconds / ops, cpu.TotalSeconds / phaseSeconds);
    Console.WriteLine($"profiler {(on ? "on " : "off")}: {result.Item1,10:F0} ops/s, {result.Item2 * 1e6,6:F2} us CPU per op, {result.Item3:F2} cores busy");
    return result;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
