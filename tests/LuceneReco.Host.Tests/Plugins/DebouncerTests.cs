using LuceneReco.Host.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>The debouncer runs its action once, after the quiet period has passed with no further signal.</summary>
public sealed class DebouncerTests : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();
    private readonly List<Exception> _errors = new();
    private readonly Debouncer _debouncer;
    private int _runs;

    public DebouncerTests() => _debouncer = new Debouncer(Quiet, () => _runs++, _errors.Add, _time);

    public void Dispose() => _debouncer.Dispose();

    private void Advance(int milliseconds) => _time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void Signal_FiresOnceAfterTheQuietPeriod()
    {
        _debouncer.Signal();
        Advance(99);
        Assert.Equal(0, _runs);
        Advance(1);
        Assert.Equal(1, _runs);
        Advance(10_000);
        Assert.Equal(1, _runs);
        Assert.Empty(_errors);
    }

    [Fact]
    public void RapidSignals_PostponeTheRun_AndFireOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            _debouncer.Signal();
            Advance(50);
        }
        Assert.Equal(0, _runs); // 500 ms of events, never 100 ms quiet
        Advance(49);
        Assert.Equal(0, _runs);
        Advance(1);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public void NoSignal_NeverFires()
    {
        Advance(60_000);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public void SignalAfterARun_FiresAgain()
    {
        _debouncer.Signal();
        Advance(100);
        _debouncer.Signal();
        Advance(100);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Dispose_CancelsAPendingRun()
    {
        _debouncer.Signal();
        _debouncer.Dispose();
        Advance(1_000);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public void ThrowingAction_IsReportedToTheErrorCallback()
    {
        using var failing = new Debouncer(Quiet, () => throw new InvalidOperationException("boom"), _errors.Add, _time);
        failing.Signal();
        Advance(100);
        Assert.Equal("boom", Assert.Single(_errors).Message);
    }

    [Fact]
    public void QuietPeriod_MustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Debouncer(TimeSpan.Zero, () => { }, _errors.Add, _time));
}
