using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>Reads MovieLens <c>ratings.csv</c> (<c>userId,movieId,rating,timestamp</c>, one header line, CRLF) as rating events.</summary>
internal static class MovieLens
{
    public static List<Interaction> ReadRatings(string path)
    {
        var events = new List<Interaction>(110_000);
        bool header = true;
        foreach (string line in File.ReadLines(path))
        {
            if (header) { header = false; continue; }
            if (line.Length == 0) continue;
            string[] f = line.Split(',');
            events.Add(new Interaction("u" + f[0], "m" + f[1], "rating",
                double.Parse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture))));
        }
        return events;
    }
}
