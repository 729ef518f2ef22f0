using System.Globalization;

namespace LuceneReco.Host.Cli;

/// <summary>
/// Prints <c>  42,000 items (65%), 15,100 items/s</c> to stderr every <see cref="Interval"/>, or
/// whenever another tenth of the input is done (but at most every quarter second), so that long
/// builds show life without flooding CI logs, and once more at the end (<see cref="Finish"/>) with the true total. Readers
/// read ahead of what is done, so until then the share shown stops at 99%. Disabled reporters print nothing.
/// </summary>
internal sealed class ProgressReporter
{
    /// <summary>The longest gap between two progress lines.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(0.25);

    private readonly CliConsole _console;
    private readonly bool _enabled;
    private readonly string _unit;
    private readonly long _start;
    private long _lastPrint;
    private int _lastTenth;

    /// <summary>Creates a reporter counting <paramref name="unit"/>s ("item", "event"); <paramref name="enabled"/> false makes every call a no-op.</summary>
    public ProgressReporter(CliConsole console, bool enabled, string unit = "item")
    {
        _console = console;
        _enabled = enabled;
        _unit = unit;
        _start = _lastPrint = console.Time.GetTimestamp();
    }

    /// <summary>The time since the reporter was created.</summary>
    public TimeSpan Elapsed => _console.Time.GetElapsedTime(_start);

    /// <summary>Reports that <paramref name="items"/> items are done and <paramref name="fraction"/> (0-1, NaN if unknown) of the input is read.</summary>
    public void Report(long items, double fraction)
    {
        if (!_enabled) return;
        var now = _console.Time.GetTimestamp();
        var sinceLast = _console.Time.GetElapsedTime(_lastPrint, now);
        if (!double.IsNaN(fraction)) fraction = Math.Clamp(fraction, 0, 0.99); // the reader is ahead: not done until Finish
        var tenth = double.IsNaN(fraction) ? _lastTenth : (int)Math.Floor(fraction * 10);
        if (sinceLast < Interval && !(tenth > _lastTenth && sinceLast >= MinimumGap)) return;
        _lastPrint = now;
        _lastTenth = tenth;
        Print(items, fraction, now);
    }

    /// <summary>Prints the final count: <paramref name="items"/> done, all of the input read.</summary>
    public void Finish(long items)
    {
        if (_enabled) Print(items, 1, _console.Time.GetTimestamp());
    }

    private void Print(long items, double fraction, long now)
    {
        var percent = double.IsNaN(fraction) ? "" : $" ({(fraction * 100).ToString("0", CultureInfo.InvariantCulture)}%)";
        var elapsed = _console.Time.GetElapsedTime(_start, now);
        _console.Error.WriteLine($"  {CliFormat.Plural(items, _unit)}{percent}, {CliFormat.Rate(items, elapsed)} {_unit}s/s");
    }
}
