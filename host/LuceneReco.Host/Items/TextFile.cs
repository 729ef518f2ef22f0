using System.Text;

namespace LuceneReco.Host.Items;

/// <summary>
/// How item and interaction files are decoded: UTF-8, where a byte sequence that is not UTF-8 becomes
/// <see cref="NotUtf8"/> (a noncharacter no real text holds) rather than a silent U+FFFD, so the reader can refuse that
/// line by its number and go on with the next.
/// </summary>
internal static class TextFile
{
    /// <summary>What an invalid byte sequence decodes to.</summary>
    public const char NotUtf8 = '\uFFFF';

    /// <summary>The reason given for such a line.</summary>
    public const string NotUtf8Reason = "the line is not valid UTF-8 (save the file as UTF-8)";

    /// <summary>UTF-8 without a byte-order mark on output, marking invalid input with <see cref="NotUtf8"/>.</summary>
    public static readonly Encoding Utf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(NotUtf8.ToString()));

    /// <summary>A reader of <paramref name="bytes"/> as <see cref="Utf8"/> (a byte-order mark is skipped).</summary>
    public static StreamReader Reader(Stream bytes) => new(bytes, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>Whether <paramref name="line"/> came from bytes that are not UTF-8.</summary>
    public static bool IsNotUtf8(string line) => line.Contains(NotUtf8, StringComparison.Ordinal);
}
