using System.Globalization;

namespace LuceneReco.Host.Cli;

/// <summary>Human-readable numbers for CLI output, always in the invariant culture.</summary>
internal static class CliFormat
{
    /// <summary>A count with thousands separators: <c>63,666</c>.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary><c>1 item</c>, <c>2 items</c>.</summary>
    public static string Plural(long n, string noun, string? plural = null) => $"{Count(n)} {(n == 1 ? noun : plural ?? noun + "s")}";

    /// <summary>Seconds with one decimal (two below one second): <c>4.1 s</c>, <c>0.35 s</c>.</summary>
    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString(elapsed.TotalSeconds < 1 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Items per second as a whole number: <c>15,528</c>.</summary>
    public static string Rate(long items, TimeSpan elapsed) =>
        Count((long)Math.Round(items / Math.Max(elapsed.TotalSeconds, 1e-3)));

    /// <summary>A size in decimal units: <c>812 bytes</c>, <c>52.1 kB</c>, <c>16.2 MB</c>, <c>1.3 GB</c>.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1_000 => Plural(bytes, "byte"),
        < 1_000_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
    };
}
