using System.Globalization;
using System.Text;

namespace LuceneReco.Host.Cli;

/// <summary>
/// Writes through to another writer with control characters shown as <c>\u001b</c> (line breaks and tabs stay), so text
/// from the store or the index (a title, an event kind, a user id) cannot move the cursor, recolour or retitle a
/// terminal when a command prints it. JSON output never holds raw control characters, so it passes unchanged.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>Whether <paramref name="c"/> is shown escaped: C0 and C1 controls and DEL, but not '\n' or '\t'.</summary>
    public static bool IsEscaped(char c) => c != '\n' && c != '\t' && char.IsControl(c);

    /// <summary><paramref name="text"/> with each escaped character as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsEscaped)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text) Append(sb, c);
        return sb.ToString();
    }

    public override void Write(char value)
    {
        if (IsEscaped(value)) inner.Write(Code(value));
        else inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (value is not null) inner.Write(Escape(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.Write(CoreNewLine);
    }

    public override void WriteLine() => inner.Write(CoreNewLine);

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush(); // the inner writer belongs to the caller
        base.Dispose(disposing);
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (IsEscaped(c)) sb.Append(Code(c));
        else sb.Append(c);
    }

    private static string Code(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
