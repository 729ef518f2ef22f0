using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Interactions;

/// <summary>
/// Whole interaction files for the offline commands (<c>train</c>, <c>eval</c>, <c>recommend-batch</c>, <c>bench recommend</c>),
/// read by the one <see cref="InteractionFileReader"/> that <c>interactions import</c> uses, with its meaning: the format by the
/// extension (TSV, MovieLens CSV, JSON Lines, optionally <c>.gz</c>), a line without a timestamp gets the time of import, a
/// malformed line stops the read naming its line.
/// </summary>
internal static class InteractionFiles
{
    /// <summary>Every event of <paramref name="path"/>, in file order.</summary>
    /// <param name="path">The file.</param>
    /// <param name="now">The time of import, given to events whose line has no timestamp.</param>
    /// <param name="requireTimestamps">Refuse a file with a line without a timestamp, naming the first (a split by time needs real times).</param>
    /// <exception cref="InteractionFileException">The file is missing, its format cannot be told, a line is malformed, or a timestamp is missing when required.</exception>
    public static List<Interaction> ReadAll(string path, DateTimeOffset now, bool requireTimestamps = false)
    {
        if (!File.Exists(path)) throw new InteractionFileException($"interactions file '{path}' does not exist");
        using var reader = InteractionFileReader.Open(path, format: null, kind: null, now);
        var events = new List<Interaction>();
        foreach (var record in reader.Records())
        {
            if (record.Error is not null) throw new InteractionFileException(record.Describe(path));
            events.Add(record.Event!.Value);
        }
        if (requireTimestamps && reader.FirstLineWithoutTime is { } line)
            throw new InteractionFileException(string.Create(CultureInfo.InvariantCulture,
                $"{path}:{line}: no timestamp, so the event would get the time of import; a split by time needs every event's time (use --split random)"));
        return events;
    }

    /// <summary>Writes <paramref name="events"/> as TSV <c>user item weight timestamp</c> (Unix seconds), which <see cref="ReadAll"/> reads back.</summary>
    public static void WriteTsv(string path, IEnumerable<Interaction> events)
    {
        using var writer = new StreamWriter(path);
        foreach (var e in events)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.UserId}\t{e.ItemId}\t{e.Weight}\t{e.Timestamp.ToUnixTimeSeconds()}"));
    }
}
