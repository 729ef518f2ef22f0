using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Reco;

/// <summary>
/// Reads and writes interaction TSV files: <c>user TAB item TAB weight TAB timestamp</c>, no header. The weight
/// (a number, default 1) and the timestamp (Unix seconds or ISO 8601, default 0 = 1970) may be left off; blank
/// lines and lines starting with <c>#</c> are skipped. Every event's kind is <c>"event"</c>.
/// </summary>
internal static class InteractionFile
{
    /// <summary>The kind given to every event read.</summary>
    public const string Kind = "event";

    /// <summary>Reads every event of <paramref name="path"/> in file order.</summary>
    /// <exception cref="InteractionFileException">The file is missing or a line is malformed (named by number).</exception>
    public static List<Interaction> Read(string path)
    {
        if (!File.Exists(path)) throw new InteractionFileException($"interactions file '{path}' does not exist");
        var events = new List<Interaction>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line)) continue;
            events.Add(Parse(line, path, number));
        }
        return events;
    }

    /// <summary>Writes <paramref name="events"/> in the format <see cref="Read"/> reads (timestamps as Unix seconds).</summary>
    public static void Write(string path, IEnumerable<Interaction> events)
    {
        using var writer = new StreamWriter(path);
        foreach (var e in events)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.UserId}\t{e.ItemId}\t{e.Weight}\t{e.Timestamp.ToUnixTimeSeconds()}"));
    }

    private static Interaction Parse(string line, string path, int number)
    {
        var parts = line.Split('\t');
        if (parts.Length is < 2 or > 4)
            throw new InteractionFileException($"{path}:{number}: expected 'user<TAB>item[<TAB>weight[<TAB>timestamp]]', got {parts.Length} columns");
        string user = parts[0].Trim(), item = parts[1].Trim();
        if (user.Length == 0 || item.Length == 0) throw new InteractionFileException($"{path}:{number}: the user and item must not be empty");
        double weight = 1;
        if (parts.Length > 2 && !(double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && double.IsFinite(weight)))
            throw new InteractionFileException($"{path}:{number}: weight '{parts[2]}' is not a number");
        var when = DateTimeOffset.UnixEpoch;
        if (parts.Length > 3 && !TryTimestamp(parts[3].Trim(), out when))
            throw new InteractionFileException($"{path}:{number}: timestamp '{parts[3]}' is neither Unix seconds nor ISO 8601");
        return new Interaction(user, item, Kind, weight, when);
    }

    private static bool TryTimestamp(string text, out DateTimeOffset when)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds) && seconds is >= -62_135_596_800 and <= 253_402_300_799)
        {
            when = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fractional) && double.IsFinite(fractional)
            && fractional is >= -62_135_596_800 and <= 253_402_300_799)
        {
            when = DateTimeOffset.UnixEpoch.AddSeconds(fractional);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out when);
    }
}
