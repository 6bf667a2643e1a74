using BenchmarkDotNet.Attributes;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// <see cref="LayerGraph.FindInclusions"/>, which every pass runs once: on a graph of runbot's size (the baseline), on
/// one ten times larger, and on a deep <c>reference_file</c> chain. Reading one path is measured apart, since paths are
/// built only when read.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class LayerGraphBenchmarks
{
    private LayerGraph _realistic = null!;
    private LayerGraph _large = null!;
    private LayerGraph _chain = null!;

    /// <summary>Builds the graphs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _realistic = SyntheticGraph.Create(80);
        _large = SyntheticGraph.Create(800);
        _chain = SyntheticGraph.Chain(2_000);
    }

    /// <summary>80 Dockerfiles and about 800 layers.</summary>
    [Benchmark(Baseline = true)]
    public LayerInclusion Realistic() => _realistic.FindInclusions(SyntheticGraph.CodeServerLayerId);

    /// <summary>800 Dockerfiles and about 7,700 layers.</summary>
    [Benchmark]
    public LayerInclusion TenTimesLarger() => _large.FindInclusions(SyntheticGraph.CodeServerLayerId);

    /// <summary>2,000 Dockerfiles, each including the next.</summary>
    [Benchmark]
    public LayerInclusion Chain() => _chain.FindInclusions(SyntheticGraph.CodeServerLayerId);

    /// <summary>The chain's inclusion plus the 2,000-row path of its first Dockerfile.</summary>
    [Benchmark]
    public int ChainWithOnePath() => _chain.FindInclusions(SyntheticGraph.CodeServerLayerId).PathsByDockerfile[1].Count;
}
