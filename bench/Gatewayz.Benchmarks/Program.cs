BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Gatewayz.Benchmarks.RecordingBenchmarks).Assembly).Run(args);
