using WfaaS.Engine.Definitions;

namespace WfaaS.Engine.Tests.Definitions;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-01-31T12:00:00Z")]
    [InlineData("2026-01-31t12:00:00.123z")]
    [InlineData("2026-01-31 12:00:00+02:00")]
    [InlineData("2026-01-31T12:00:00.1234567-05:30")]
    public void TryParse_TimestampWithOffset_ReturnsTrue(string text) => Assert.True(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("2026-01-31T12:00:00")]
    [InlineData("2026-01-31")]
    [InlineData("2026-02-30T12:00:00Z")]
    [InlineData("31/01/2026 12:00")]
    [InlineData("2026-01-31T12:00:00+0200")]
    public void TryParse_NoOffsetOrInvalid_ReturnsFalse(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Fact]
    public void TryParse_NumericOffset_KeepsTheOffset()
    {
        Assert.True(Rfc3339.TryParse("2026-01-31T12:00:00+02:00", out var value));

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.FromHours(2)), value);
    }
}
