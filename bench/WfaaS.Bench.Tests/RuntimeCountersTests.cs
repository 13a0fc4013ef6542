using WfaaS.Bench.Workloads;

namespace WfaaS.Bench.Tests;

public sealed class RuntimeCountersTests
{
    private const string Scrape = """
        # TYPE dotnet_gc_collections_total counter
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen2"} 1
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 4
        dotnet_gc_collections_total{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 27
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 71361376
        dotnet_gc_heap_total_allocated_bytes_total_other{otel_scope_name="System.Runtime"} 5
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} 0.036 1764700000000
        dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 32467
        dotnet_jit_compilation_time_seconds_total{otel_scope_name="System.Runtime"} 7.87
        wfaas_steps_total{otel_scope_name="wfaas"} 12 1764700000000
        """;

    [Fact]
    public void Parse_ReadsAllocatedBytesCollectionsByGenerationPauseAndMethodsCompiled() =>
        Assert.Equal(new RuntimeCounters(71361376, 27, 4, 1, 0.036, 32467), RuntimeCounters.Parse(Scrape));

    [Fact]
    public void Parse_ScrapeWithoutTheRuntimeMeter_IsZeroes() =>
        Assert.Equal(new RuntimeCounters(0, 0, 0, 0, 0), RuntimeCounters.Parse("wfaas_steps_total 3\n"));

    [Fact]
    public void Minus_IsWhatHappenedBetweenTwoReadings() =>
        Assert.Equal(
            new RuntimeCounters(1000, 2, 1, 0, 0.5, 40),
            new RuntimeCounters(1500, 5, 2, 1, 0.75, 140) - new RuntimeCounters(500, 3, 1, 1, 0.25, 100));
}
