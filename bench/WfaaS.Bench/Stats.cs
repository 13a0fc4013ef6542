namespace WfaaS.Bench;

/// <summary>Percentiles of a sample, by sorting (nearest rank), in milliseconds.</summary>
internal sealed record Stats(int Count, double MinMs, double P50Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static Stats Of(IEnumerable<TimeSpan> sample) => Of(sample.Select(s => s.TotalMilliseconds));

    public static Stats Of(IEnumerable<double> sampleMs)
    {
        var sorted = sampleMs.Order().ToArray();
        return sorted.Length == 0
            ? new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Stats(sorted.Length, sorted[0], Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
