using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Items;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Interactions;

/// <summary>
/// Reads interaction events from a TSV file (<c>user item [weight [timestamp]]</c>, no header), a MovieLens CSV
/// (header <c>userId,movieId,rating,timestamp</c>) or JSON Lines (<c>{"userId", "itemId", "kind"?, "weight"?,
/// "timestamp"?}</c>), each optionally gzip-compressed (<c>.gz</c>). Timestamps are Unix seconds or ISO 8601; a
/// missing weight is 1 and a missing timestamp is the time the file was opened. A bad line does not stop reading:
/// it is yielded with its line number and the reason, and the caller decides whether to stop or skip.
/// </summary>
internal sealed class InteractionFileReader : IDisposable
{
    /// <summary>The longest user or item id.</summary>
    public const int MaxIdLength = 1024;

    /// <summary>The MovieLens ratings header.</summary>
    public const string MovieLensHeader = "userId,movieId,rating,timestamp";

    private readonly Stream _file;
    private readonly TextReader _text;
    private readonly string _defaultKind;
    private bool _timeGiven;
    private readonly DateTimeOffset _now;
    private readonly Queue<string> _lookahead = new();
    private long _lineNumber;
    private bool _started;

    private InteractionFileReader(Stream file, string name, InteractionFileFormat? format, string? kind, DateTimeOffset now)
    {
        _file = file;
        Name = name;
        _now = now;
        Compressed = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        Stream bytes = Compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        _text = TextFile.Reader(bytes);
        Format = format ?? Detect();
        if (Format == InteractionFileFormat.MovieLens) ReadMovieLensHeader();
        _defaultKind = string.IsNullOrWhiteSpace(kind) ? (Format == InteractionFileFormat.MovieLens ? "rating" : "view") : kind.Trim();
    }

    /// <summary>The file name used in messages (<c>ratings.csv:12: reason</c>).</summary>
    public string Name { get; }

    /// <summary>The format given or detected.</summary>
    public InteractionFileFormat Format { get; }

    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool Compressed { get; }

    /// <summary>The kind given to events whose line names none: the one asked for, else "rating" for MovieLens and "view" otherwise.</summary>
    public string DefaultKind => _defaultKind;

    /// <summary>
    /// Opens <paramref name="path"/>. Without <paramref name="format"/> it is told by the extension (before <c>.gz</c>):
    /// <c>.tsv</c>/<c>.txt</c>/<c>.dat</c>, <c>.csv</c>, <c>.jsonl</c>/<c>.ndjson</c>; otherwise by the first line.
    /// </summary>
    /// <param name="kind">The kind of events whose line names none (null: see <see cref="DefaultKind"/>).</param>
    /// <param name="now">The timestamp of events whose line has none.</param>
    /// <exception cref="InteractionFileException">The format cannot be told, or a MovieLens header is missing.</exception>
    public static InteractionFileReader Open(string path, InteractionFileFormat? format, string? kind, DateTimeOffset now) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), Path.GetFileName(path), format, kind, now);

    /// <summary>Reads from <paramref name="stream"/> named <paramref name="name"/> (its extension tells the format and compression). Takes ownership.</summary>
    public static InteractionFileReader Open(Stream stream, string name, InteractionFileFormat? format, string? kind, DateTimeOffset now)
    {
        try
        {
            return new InteractionFileReader(stream, name, format, kind, now);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Parses a <c>--format</c> value; null when it is not one of tsv, movielens, jsonl.</summary>
    public static InteractionFileFormat? ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "tsv" => InteractionFileFormat.Tsv,
        "movielens" or "csv" => InteractionFileFormat.MovieLens,
        "jsonl" or "json" or "ndjson" => InteractionFileFormat.JsonLines,
        _ => null,
    };

    /// <summary>How much of the file has been read, 0 to 1 (approximate); NaN when unknown.</summary>
    public double Progress => _file.CanSeek && _file.Length > 0 ? (double)_file.Position / _file.Length : double.NaN;

    /// <summary>The number of the first good line that gave no timestamp (its event got the time of import), or null.</summary>
    public long? FirstLineWithoutTime { get; private set; }

    /// <summary>Every data line in order; blank lines (and in TSV, lines starting with '#') are skipped. Enumerate once.</summary>
    public IEnumerable<InteractionRecord> Records()
    {
        if (_started) throw new InvalidOperationException("The records of an interactions file can be read once.");
        _started = true;
        while (NextLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || (Format == InteractionFileFormat.Tsv && line[0] == '#')) continue;
            _timeGiven = false;
            var record = TextFile.IsNotUtf8(line) ? InteractionRecord.Bad(_lineNumber, TextFile.NotUtf8Reason) : Format switch
            {
                InteractionFileFormat.Tsv => ParseTsv(_lineNumber, line),
                InteractionFileFormat.MovieLens => ParseMovieLens(_lineNumber, line),
                _ => ParseJson(_lineNumber, line),
            };
            if (record.Error is null && !_timeGiven) FirstLineWithoutTime ??= _lineNumber;
            yield return record;
        }
    }

    public void Dispose()
    {
        _text.Dispose();
        _file.Dispose();
    }

    private string? NextLine()
    {
        var line = _lookahead.Count > 0 ? _lookahead.Dequeue() : _text.ReadLine();
        if (line is not null) _lineNumber++;
        return line;
    }

    private InteractionFileFormat Detect()
    {
        var name = Compressed ? Name[..^3] : Name;
        switch (Path.GetExtension(name).ToLowerInvariant())
        {
            case ".tsv" or ".txt" or ".dat": return InteractionFileFormat.Tsv;
            case ".csv": return InteractionFileFormat.MovieLens;
            case ".jsonl" or ".ndjson": return InteractionFileFormat.JsonLines;
        }
        // Unknown extension: look at the first non-blank line (kept for reading).
        string? first;
        do
        {
            first = _text.ReadLine();
            if (first is not null) _lookahead.Enqueue(first);
        }
        while (first is not null && string.IsNullOrWhiteSpace(first));
        var trimmed = first?.Trim() ?? "";
        if (trimmed.StartsWith('{')) return InteractionFileFormat.JsonLines;
        if (IsMovieLensHeader(trimmed)) return InteractionFileFormat.MovieLens;
        if (trimmed.Contains('\t', StringComparison.Ordinal)) return InteractionFileFormat.Tsv;
        throw new InteractionFileException(
            $"{Name}:{_lookahead.Count.ToString(CultureInfo.InvariantCulture)}: cannot tell the format from the name or the first line; pass --format tsv|movielens|jsonl");
    }

    private void ReadMovieLensHeader()
    {
        string? line;
        while ((line = NextLine()) is not null && string.IsNullOrWhiteSpace(line)) { }
        if (line is null || !IsMovieLensHeader(line.Trim()))
        {
            var got = line is null ? "an empty file" : $"'{Shorten(line.Trim())}'";
            throw new InteractionFileException($"{Name}:{Math.Max(_lineNumber, 1).ToString(CultureInfo.InvariantCulture)}: expected the MovieLens header '{MovieLensHeader}', got {got}");
        }
    }

    private static bool IsMovieLensHeader(string line) => string.Equals(line, MovieLensHeader, StringComparison.OrdinalIgnoreCase);

    private InteractionRecord ParseTsv(long line, string text)
    {
        var fields = text.Split('\t');
        if (fields.Length is < 2 or > 4)
            return InteractionRecord.Bad(line, $"expected 2 to 4 tab-separated fields (user, item, weight, timestamp), got {fields.Length.ToString(CultureInfo.InvariantCulture)}"
                + (line == 1 && fields.Length == 1 ? " (TSV interaction files are tab-separated, without a header)" : ""));
        string item = "";
        double weight = 1;
        var time = _now;
        var error = Id("user", fields[0], out var user);
        error ??= Id("item", fields[1], out item);
        error ??= Weight(fields.Length > 2 ? fields[2] : "", out weight);
        error ??= Time(fields.Length > 3 ? fields[3] : "", out time);
        if (error is not null && line == 1 && fields.Length > 2 && !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            error += " (TSV interaction files have no header line)";
        return error is null ? InteractionRecord.Ok(line, new Interaction(user, item, _defaultKind, weight, time)) : InteractionRecord.Bad(line, error);
    }

    private InteractionRecord ParseMovieLens(long line, string text)
    {
        var fields = text.Split(',');
        if (fields.Length != 4)
            return InteractionRecord.Bad(line, $"expected 4 comma-separated fields (userId, movieId, rating, timestamp), got {fields.Length.ToString(CultureInfo.InvariantCulture)}");
        string item = "";
        double weight = 1;
        var time = _now;
        var error = Id("userId", fields[0], out var user);
        error ??= Id("movieId", fields[1], out item);
        error ??= string.IsNullOrWhiteSpace(fields[2]) ? "rating is empty" : Weight(fields[2], out weight);
        error ??= string.IsNullOrWhiteSpace(fields[3]) ? "timestamp is empty" : Time(fields[3], out time);
        return error is null ? InteractionRecord.Ok(line, new Interaction(user, item, _defaultKind, weight, time)) : InteractionRecord.Bad(line, error);
    }

    private InteractionRecord ParseJson(long line, string text)
    {
        using var json = JsonInput.Parse(text, out var problem);
        if (json is null) return InteractionRecord.Bad(line, problem!.Value.Describe("the line"));
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return InteractionRecord.Bad(line, "expected a JSON object");
            string item = "";
            string? error = JsonId(root, "userId", out var user);
            error ??= JsonId(root, "itemId", out item);
            string kind = _defaultKind;
            double weight = 1;
            var time = _now;
            if (error is null && root.TryGetProperty("kind", out var k) && k.ValueKind != JsonValueKind.Null)
            {
                if (k.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(k.GetString())) error = "kind must be a non-empty string";
                else kind = k.GetString()!.Trim();
            }
            if (error is null && root.TryGetProperty("weight", out var w) && w.ValueKind != JsonValueKind.Null)
                error = w.ValueKind == JsonValueKind.Number ? Weight(w.GetRawText(), out weight) : $"weight must be a number, got {Shorten(w.GetRawText())}";
            if (error is null && root.TryGetProperty("timestamp", out var t) && t.ValueKind != JsonValueKind.Null)
                error = t.ValueKind is JsonValueKind.Number or JsonValueKind.String
                    ? Time(t.ValueKind == JsonValueKind.String ? t.GetString()! : t.GetRawText(), out time)
                    : $"timestamp must be {EventTime.Expected}, got {Shorten(t.GetRawText())}";
            return error is null ? InteractionRecord.Ok(line, new Interaction(user, item, kind, weight, time)) : InteractionRecord.Bad(line, error);
        }
    }

    private static string? JsonId(JsonElement root, string name, out string id)
    {
        id = "";
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return $"{name} is required";
        return value.ValueKind switch
        {
            JsonValueKind.String => Id(name, value.GetString()!, out id),
            JsonValueKind.Number => Id(name, value.GetRawText(), out id),
            _ => $"{name} must be a string or a number, got {Shorten(value.GetRawText())}",
        };
    }

    private static string? Id(string name, string text, out string id)
    {
        id = text.Trim();
        if (id.Length == 0) return $"{name} is empty";
        if (id.Length > MaxIdLength) return $"{name} is longer than {MaxIdLength.ToString(CultureInfo.InvariantCulture)} characters";
        return null;
    }

    private static string? Weight(string text, out double weight)
    {
        weight = 1;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && double.IsFinite(weight)) return null;
        weight = 1;
        return $"weight must be a finite number, got '{Shorten(text.Trim())}'";
    }

    private string? Time(string text, out DateTimeOffset time)
    {
        time = _now;
        if (string.IsNullOrWhiteSpace(text)) return null;
        _timeGiven = true;
        return EventTime.TryParse(text, out time) ? null : $"timestamp must be {EventTime.Expected}, got '{Shorten(text.Trim())}'";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
