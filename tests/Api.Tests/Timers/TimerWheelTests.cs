using Microsoft.Extensions.Time.Testing;
using WfaaS.Scheduler;
using WfaaS.Scheduler.Timers;

namespace WfaaS.Api.Tests.Timers;

public sealed class TimerWheelTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingFirer _firer = new();
    private readonly SchedulerOptions _options = new() { TimerReadAhead = TimeSpan.FromMilliseconds(40) };

    [Fact]
    public void ReadsAhead_EveryTimerDueWithinHalfTheSpanAfter_ThenFiresEachAtItsDueTime()
    {
        using var wheel = new TimerWheel(_time, _firer, _options);
        var first = Timer(1, At(100));
        var alongside = Timer(2, At(120));
        var later = Timer(3, At(125));
        wheel.Add(later);
        wheel.Add(alongside);
        wheel.Add(first);

        AdvanceTo(59);
        Assert.Empty(_firer.Calls);

        AdvanceTo(60);
        Assert.Equal(["read 1,2"], _firer.Calls);

        AdvanceTo(85);
        Assert.Equal(["read 1,2", "read 3"], _firer.Calls);

        AdvanceTo(99);
        Assert.Equal(2, _firer.Calls.Count);
        AdvanceTo(100);
        AdvanceTo(120);
        AdvanceTo(124);
        AdvanceTo(125);
        Assert.Equal(["read 1,2", "read 3", "fire 1", "fire 2", "fire 3"], _firer.Calls);
    }

    [Fact]
    public void TimerAlreadyDue_FiresWithoutReadAhead_OneDueWithinTheSpanIsReadAtOnce()
    {
        using var wheel = new TimerWheel(_time, _firer, _options);
        AdvanceTo(1_000);

        wheel.Add(Timer(1, At(500)));
        wheel.Add(Timer(2, At(1_010)));
        _time.Advance(TimeSpan.Zero);

        Assert.Equal(["fire 1", "read 2"], _firer.Calls);
        AdvanceTo(1_010);
        Assert.Equal(["fire 1", "read 2", "fire 2"], _firer.Calls);
    }

    [Fact]
    public void SameTimerAddedTwice_IsReadAndFiredOnce()
    {
        using var wheel = new TimerWheel(_time, _firer, _options);
        var timer = Timer(1, At(100));
        wheel.Add(timer);
        wheel.Add(timer with { });

        AdvanceTo(60);
        AdvanceTo(100);

        Assert.Equal(["read 1", "fire 1"], _firer.Calls);
    }

    private static DateTimeOffset At(int milliseconds) => Start.AddMilliseconds(milliseconds);

    private static DueTimer Timer(int serial, DateTimeOffset dueAt) => new(Guid.Empty, serial, "nap", dueAt);

    private void AdvanceTo(int milliseconds) => _time.Advance(At(milliseconds) - _time.GetUtcNow());

    private sealed class RecordingFirer : ITimerFirer
    {
        public List<string> Calls { get; } = [];

        public Task ReadAhead(IReadOnlyList<DueTimer> timers)
        {
            Calls.Add("read " + string.Join(',', timers.Select(t => t.Serial)));
            return Task.CompletedTask;
        }

        public void Fire(DueTimer timer) => Calls.Add("fire " + timer.Serial);
    }
}
