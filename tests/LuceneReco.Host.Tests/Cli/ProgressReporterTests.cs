using LuceneReco.Host.Cli;

namespace LuceneReco.Host.Tests.Cli;

public sealed class ProgressReporterTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    private static (ProgressReporter Reporter, ManualClock Clock, StringWriter Error) Create(bool enabled)
    {
        var clock = new ManualClock();
        var error = new StringWriter();
        return (new ProgressReporter(new CliConsole(new StringWriter(), error, false, clock), enabled), clock, error);
    }

    private static string[] Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void PrintsEveryTwoSeconds_WithCountAndRate()
    {
        var (reporter, clock, error) = Create(enabled: true);
        clock.Advance(1.9);
        reporter.Report(1_900, double.NaN);
        Assert.Empty(Lines(error));
        clock.Advance(0.1);
        reporter.Report(2_000, double.NaN);
        Assert.Equal(["2,000 items, 1,000 items/s"], Lines(error));
    }

    [Fact]
    public void PrintsWhenAnotherTenthIsDone_ButNotMoreOftenThanAQuarterSecond()
    {
        var (reporter, clock, error) = Create(enabled: true);
        clock.Advance(0.1);
        reporter.Report(100, 0.15);
        Assert.Empty(Lines(error));
        clock.Advance(0.2);
        reporter.Report(300, 0.16);
        Assert.Equal(["300 items (16%), 1,000 items/s"], Lines(error));
        clock.Advance(0.5);
        reporter.Report(800, 0.19);
        Assert.Single(Lines(error));
    }

    [Fact]
    public void ReaderAtTheEndOfTheFile_ShowsAtMost99Percent_UntilFinishGivesTheTrueTotal()
    {
        var (reporter, clock, error) = Create(enabled: true);
        clock.Advance(0.3);
        reporter.Report(1, 1.0); // a small file: the reader's buffer already holds all of it
        clock.Advance(0.2);
        reporter.Finish(200);
        Assert.Equal(["1 item (99%), 3 items/s", "200 items (100%), 400 items/s"], Lines(error));
    }

    [Fact]
    public void Disabled_PrintsNothing()
    {
        var (reporter, clock, error) = Create(enabled: false);
        clock.Advance(10);
        reporter.Report(10_000, 0.99);
        reporter.Finish(10_000);
        Assert.Equal("", error.ToString());
        Assert.Equal(TimeSpan.FromSeconds(10), reporter.Elapsed);
    }
}
