// Measures what the continuous profiler costs: the same CPU-bound, async, labelled workload runs in
// alternating phases with the profiler off and on (pushing to a local stand-in for Pyroscope), and
// the throughput and process CPU time of the "on" phases are compared with the "off" phases.
//
//   dotnet run -c Release --project bench/ProfilerOverhead -- [phaseSeconds] [pairs] [sampleSeconds] [intervalSeconds]

var phaseSeconds = args.Length > 0 ? int.Parse(args[0]) : 30;
var pairs = args.Length > 1 ? int.Parse(args[1]) : 3;
var sampleSeconds = args.Length > 2 ? args[2] : "2";
var intervalSeconds = args.Length > 3 ? args[3] : "15";

await using var pyroscope = await IngestCounter.StartAsync();
Console.WriteLine($"phases of {phaseSeconds}s, {pairs} off/on pairs, profiler samples {sampleSeconds}s every {intervalSeconds}s, {Environment.ProcessorCount} cores");

var results = new List<(bool On, double OpsPerSecond, double CpuPerOpMicroseconds)>();
for (var pair = 0; pair < pairs; pair++)
{
    foreach (var on in new[] { false, true })
    {
        using var profiler = on ? await ProfilerHost.StartAsync(pyroscope.BaseUrl, sampleSeconds, intervalSeconds) : null;
        var (ops, cpu) = await Workload.RunAsync(TimeSpan.FromSeconds(phaseSeconds));
        var opsPerSecond = ops / (double)phaseSeconds;
        var cpuPerOp = cpu.TotalMicroseconds / ops;
        results.Add((on, opsPerSecond, cpuPerOp));
        Console.WriteLine($"profiler {(on ? "on " : "off")}: {opsPerSecond,10:F0} ops/s, {cpuPerOp,8:F1} us CPU per op");
    }
}

double Mean(bool on, Func<(bool On, double OpsPerSecond, double CpuPerOpMicroseconds), double> pick) =>
    results.Where(r => r.On == on).Average(pick);
var throughputRatio = Mean(true, r => r.OpsPerSecond) / Mean(false, r => r.OpsPerSecond);
var cpuRatio = Mean(true, r => r.CpuPerOpMicroseconds) / Mean(false, r => r.CpuPerOpMicroseconds);
Console.WriteLine($"throughput on/off: {throughputRatio:F3} ({(1 - throughputRatio) * 100:F1}% lower)");
Console.WriteLine($"CPU per op on/off: {cpuRatio:F3} ({(cpuRatio - 1) * 100:F1}% more)");
Console.WriteLine($"profiles pushed: {pyroscope.Profiles}, bytes: {pyroscope.Bytes}");
