using BenchmarkDotNet.Attributes;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Benchmarks;

/// <summary>
/// CPU cost of the audit hash chain: computing the hashes when events are appended, and checking a stored chain
/// (what `audit verify` does per row). Per-operation times are per event.
/// </summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private const int Events = 10_000;
    private AuditEvent[] _chain = [];

    [GlobalSetup]
    public void Setup()
    {
        _chain = Enumerable.Range(1, Events).Select(AuditEvents.Read).ToArray();
        Chain(_chain);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "hash chain (per event)")]
    public string Hash() => Chain(_chain);

    [Benchmark(OperationsPerInvoke = Events, Description = "verify chain (per event)")]
    public AuditChainBreak? Verify() => AuditChain.Verify(_chain);

    private static string Chain(AuditEvent[] events)
    {
        var previous = AuditChain.Genesis;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            e.Sequence = i + 1;
            e.PreviousHash = previous;
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
        }
        return previous;
    }
}
