using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LuceneReco.Host.Http;

/// <summary>
/// Reads JSON input strictly and says what is wrong in terms of the input itself: the byte that is not UTF-8 and the
/// field it is in, where the JSON stops being JSON, a string that holds an unpaired surrogate. Messages are built from
/// the input and from positions the parser reports, never from the text of another library's exception message.
/// </summary>
internal static class JsonInput
{
    /// <summary>
    /// One problem with the input: the field it concerns ("" for the whole body) and what is wrong, worded to follow the
    /// field's name ("must be a whole number, got \"ten\"", "is required").
    /// </summary>
    public readonly record struct Problem(string Field, string Message)
    {
        /// <summary>
        /// The problem as a sentence when <see cref="Message"/> is one already ("item 2: missing id"), where
        /// <c>Field Message</c> would not read; null for the usual <c>field message</c>.
        /// </summary>
        public string? Sentence { get; init; }

        /// <summary><c>field message</c> ("k must be a whole number ..."), or <c>the body message</c> for the whole body.</summary>
        public override string ToString() => Describe("the body");

        /// <summary>As <see cref="ToString"/>, naming the whole input <paramref name="whole"/> ("the line" in a file).</summary>
        public string Describe(string whole) => Sentence ?? (Field.Length == 0 ? whole : Field) + " " + Message;
    }

    /// <summary>Parses <paramref name="utf8"/>, or returns the problem that stops it.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8, out Problem? problem)
    {
        problem = null;
        if (FirstInvalidUtf8(utf8.Span) is int bad)
        {
            string? field = FieldAt(utf8.Span[..bad]);
            problem = new Problem(field ?? "", $"is not valid UTF-8: byte 0x{utf8.Span[bad]:X2} at offset {bad.ToString(CultureInfo.InvariantCulture)} (send text as UTF-8)");
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problem = new Problem("", NotJson(utf8.Span, e.LineNumber, e.BytePositionInLine));
            return null;
        }
        if (FirstBadString(document.RootElement, "") is { } badString)
        {
            document.Dispose();
            problem = badString;
            return null;
        }
        return document;
    }

    /// <summary>Parses one line of a JSON Lines file (already decoded), or returns the problem.</summary>
    public static JsonDocument? Parse(string line, out Problem? problem) => Parse(Encoding.UTF8.GetBytes(line), out problem);

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null.</summary>
    public static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return null;
        char[] scratch = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData) return offset;
                if (status == OperationStatus.Done) return null;
            }
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>The property whose value <paramref name="prefix"/> (valid JSON text up to a bad byte) ends inside, or null.</summary>
    private static string? FieldAt(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        var path = new List<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName: pending = reader.GetString(); break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (pending is not null) { path.Add(pending); pending = null; }
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        if (path.Count > 0 && reader.CurrentDepth < path.Count) path.RemoveAt(path.Count - 1);
                        break;
                    default: pending = null; break; // a complete value: the bad byte is after it
                }
            }
        }
        catch (JsonException)
        {
            return null; // the text before the bad byte is not JSON either; the byte offset says where
        }
        if (pending is not null) path.Add(pending);
        return path.Count == 0 ? null : string.Join('.', path);
    }

    /// <summary>"is not valid JSON at line 1, byte 14: the text ends before the JSON value is complete" and the like.</summary>
    private static string NotJson(ReadOnlySpan<byte> utf8, long? line, long? byteInLine)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty) return "is empty; send a JSON value";
        string where = line is long l && byteInLine is long b
            ? $" at line {(l + 1).ToString(CultureInfo.InvariantCulture)}, byte {(b + 1).ToString(CultureInfo.InvariantCulture)}"
            : "";
        int at = Offset(utf8, line, byteInLine);
        if (at < 0 || at >= utf8.Length || IsTruncated(utf8))
            return $"is not valid JSON{where}: the text ends before the JSON value is complete";
        byte c = utf8[at];
        string shown = c is >= 0x20 and < 0x7F ? $"'{(char)c}'" : $"byte 0x{c:X2}";
        return $"is not valid JSON{where}: unexpected {shown}";
    }

    /// <summary>Whether <paramref name="utf8"/> is the start of some JSON text: a reader that expects more data finds nothing wrong in it.</summary>
    private static bool IsTruncated(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, state: new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = true }));
        try
        {
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The byte offset of a (0-based) line and byte in line, or -1.</summary>
    private static int Offset(ReadOnlySpan<byte> utf8, long? line, long? byteInLine)
    {
        if (line is not long l || byteInLine is not long b) return -1;
        int offset = 0;
        for (long k = 0; k < l; k++)
        {
            int next = utf8[offset..].IndexOf((byte)'\n');
            if (next < 0) return -1;
            offset += next + 1;
        }
        return (int)Math.Min(offset + b, utf8.Length);
    }

    /// <summary>
    /// The first string (value or property name) that is not text: a JSON escape such as <c>\ud800</c> with no partner
    /// surrogate. Such a string cannot become a .NET string, so it is refused where it is, naming its field.
    /// </summary>
    public static Problem? FirstBadString(JsonElement element, string field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : new Problem(field, "holds an unpaired surrogate (such as \\ud800 without its partner), which is not text");
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstBadString(item, $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]") is { } p) return p;
                    i++;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException) // the name itself cannot be transcoded
                    {
                        return new Problem(field, "has a property name with an unpaired surrogate, which is not text");
                    }
                    if (FirstBadString(property.Value, field.Length == 0 ? name : $"{field}.{name}") is { } p) return p;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Whether the string element can be read as a .NET string (it cannot when it escapes a lone surrogate).</summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
