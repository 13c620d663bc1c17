using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: the benchmarks run inside this Release build, so no project is generated and rebuilt under the
// repository's central package management. A short job is enough for the figures in docs/performance.md;
// pass BenchmarkDotNet options after `--` (e.g. --filter '*Hashing*').
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
BenchmarkSwitcher.FromAssembly(typeof(KetamineClinic.Benchmarks.AuditChainBenchmarks).Assembly).Run(args, config);
