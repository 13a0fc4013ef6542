using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Tests.Definitions;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("PT2S", 2)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("PT1H30M", 5400)]
    [InlineData("P5D", 432_000)]
    [InlineData("P1DT2H", 93_600)]
    [InlineData("P2W", 1_209_600)]
    [InlineData("PT0S", 0)]
    [InlineData("PT36H", 129_600)]
    public void TryParse_Valid_ReturnsTimeSpan(string text, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var value, out var error), error);

        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("", "'' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("P", "'P' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("PT", "'PT' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("P1DT", "'P1DT' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("pt2s", "'pt2s' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("2 seconds", "'2 seconds' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("00:00:30", "'00:00:30' is not an ISO 8601 duration such as PT30S, PT1H30M, P5D or P1DT2H")]
    [InlineData("P1M", "'P1M' uses years or months, which have no fixed length; use weeks, days or hours instead (e.g. P30D)")]
    [InlineData("P1Y2D", "'P1Y2D' uses years or months, which have no fixed length; use weeks, days or hours instead (e.g. P30D)")]
    [InlineData("-PT1S", "'-PT1S' is negative; a duration must not be negative")]
    [InlineData("P99999999999999D", "'P99999999999999D' is too long a duration")]
    [InlineData("P9999999999D", "'P9999999999D' is too long a duration")]
    public void TryParse_Invalid_ExplainsWhy(string text, string expected)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));

        Assert.Equal(expected, error);
    }
}
