namespace LuceneReco.Host.Plugins;

/// <summary>
/// Runs an action once after <see cref="Signal"/> has not been called for the quiet period: a burst of
/// file-change events (a copy writes a file in many chunks) becomes one rescan. Time-based, never counting
/// events; every signal restarts the period. After DotNetCorePlugins' <c>Debouncer</c>, on a
/// <see cref="TimeProvider"/> timer so tests control time.
/// </summary>
internal sealed class Debouncer : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _quiet;
    private readonly Action _action;
    private readonly Action<Exception> _onError;

    /// <param name="quiet">How long no signal must arrive before <paramref name="action"/> runs; greater than zero.</param>
    /// <param name="action">What to run; it runs on a timer thread, never concurrently with itself for one burst.</param>
    /// <param name="onError">Receives any exception <paramref name="action"/> throws (it must not escape to the timer thread).</param>
    /// <param name="time">The clock.</param>
    public Debouncer(TimeSpan quiet, Action action, Action<Exception> onError, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quiet, TimeSpan.Zero);
        _quiet = quiet;
        _action = action ?? throw new ArgumentNullException(nameof(action));
        _onError = onError ?? throw new ArgumentNullException(nameof(onError));
        _timer = (time ?? throw new ArgumentNullException(nameof(time)))
            .CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something happened: run the action once the quiet period has passed with no further signal.</summary>
    public void Signal() => _timer.Change(_quiet, Timeout.InfiniteTimeSpan);

    private void Fire()
    {
        try
        {
            _action();
        }
        catch (Exception e)
        {
            _onError(e);
        }
    }

    /// <summary>Stops the timer; a pending run is cancelled (one already running finishes).</summary>
    public void Dispose() => _timer.Dispose();
}
