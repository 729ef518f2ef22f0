using System.Globalization;

namespace LuceneReco.Host.Interactions;

/// <summary>Event timestamps as files and requests write them: Unix seconds (fractions allowed) or ISO 8601.</summary>
internal static class EventTime
{
    /// <summary>The largest Unix seconds value (9999-12-31T23:59:59Z).</summary>
    public const double MaxUnixSeconds = 253_402_300_799;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// Parses <c>1700000000</c>, <c>1700000000.25</c>, <c>2023-11-14T22:13:20Z</c>, <c>2023-11-14T23:13:20+01:00</c> or
    /// <c>2023-11-14</c> (no offset means UTC). Unix seconds must be 0 to <see cref="MaxUnixSeconds"/>.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        text = text.Trim();
        if (text.Length > 0 && text.AsSpan().TrimStart('-').IndexOfAnyExcept("0123456789.eE+") < 0)
        {
            time = default;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxUnixSeconds) return false;
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            return true;
        }
        return DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>What <see cref="TryParse"/> accepts, for error messages.</summary>
    public const string Expected = "Unix seconds or an ISO 8601 date-time";
}
