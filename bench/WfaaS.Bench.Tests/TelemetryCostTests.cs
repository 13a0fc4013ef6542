using WfaaS.Bench.Workloads;

namespace WfaaS.Bench.Tests;

public sealed class TelemetryCostTests
{
    [Fact]
    public void Order_ThreeRounds_AlternatesAndReversesEachRound() =>
        Assert.Equal(["off", "on", "on", "off", "off", "on"], TelemetryCost.Order(3));

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 10.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void Median_OddAndEvenCounts(double[] values, double expected) =>
        Assert.Equal(expected, TelemetryCost.Median(values));

    [Fact]
    public void Summarise_BestIsTheHighestRateAndTheLowestTimes()
    {
        TelemetryLeg[] legs = [Leg(rate: 1000, p50: 2, p99: 9, cpu: 0.5), Leg(rate: 1200, p50: 3, p99: 7, cpu: 0.4), Leg(rate: 900, p50: 4, p99: 8, cpu: 0.6)];

        var side = TelemetryCost.Summarise(legs);

        Assert.Equal(new Spread(1000, 1200), side.Linear10ExecutionsPerSecond);
        Assert.Equal(new Spread(3, 2), side.CallbackP50Ms);
        Assert.Equal(new Spread(8, 7), side.CallbackP99Ms);
        Assert.Equal(new Spread(0.5, 0.4), side.ServiceCpuMsPerLinear10Execution);
    }

    [Fact]
    public void Ratios_AreOnOverOff()
    {
        var off = TelemetryCost.Summarise([Leg(rate: 1000, p50: 2, p99: 10, cpu: 0.5)]);
        var on = TelemetryCost.Summarise([Leg(rate: 900, p50: 2.2, p99: 12, cpu: 0.6)]);

        var ratios = TelemetryCost.Ratios(off, on);

        Assert.Equal(0.9, ratios.Linear10ExecutionsPerSecondMedian, 9);
        Assert.Equal(1.1, ratios.CallbackP50MsMedian, 9);
        Assert.Equal(1.2, ratios.CallbackP99MsBest, 9);
        Assert.Equal(1.2, ratios.ServiceCpuMsPerLinear10ExecutionMedian, 9);
    }

    [Fact]
    public void Parse_TelemetryAndRounds()
    {
        Assert.Equal(2, Options.Parse(["--quick"]).TelemetryRounds);
        Assert.Contains("telemetry", Options.Parse(["--quick"]).Only);
        var options = Options.Parse(["--only", "telemetry", "--rounds", "5"]);
        Assert.Equal(["telemetry"], options.Only);
        Assert.Equal(5, options.TelemetryRounds);
    }

    private static TelemetryLeg Leg(double rate, double p50, double p99, double cpu) => new(
        "off",
        1,
        new Linear10Result(100, 4, 10, 100 / rate, rate, Stats.Of([1.0])),
        new CallbackResult(10, 3, new Stats(10, p50, p50, p99, p99, p50), Stats.Of([1.0]), 0, 0, 0, 0, 0, true, 0),
        cpu,
        0);
}
