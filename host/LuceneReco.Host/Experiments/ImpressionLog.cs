using System.Globalization;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;
using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.Experiments;

/// <summary>
/// Reads impressions from a feature log (<see cref="SqliteFeatureLog"/>, whose lists are the impressions): the lists an
/// experiment interleaved, and the lists its control pipeline served on its own, without their features. A missing file
/// has no impressions.
/// </summary>
internal static class ImpressionLog
{
    /// <summary>
    /// The lists of <paramref name="path"/> served by <paramref name="control"/> (its own, with no experiment) or interleaved for
    /// <paramref name="experiment"/>, oldest first, items in served order.
    /// </summary>
    /// <exception cref="FeatureLogException">The file is not a feature log or is damaged.</exception>
    public static List<ServedList> Read(string path, string experiment, string control)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lists = new List<ServedList>();
        if (!File.Exists(path)) return lists;
        SqliteFeatureLog.OpenFile(path); // checks it is a feature log, and adds the experiment columns to one written before them
        string connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString();
        try
        {
            using var c = new SqliteConnection(connection);
            c.Open();
            var items = new Dictionary<long, List<ServedItem>>();
            using (var read = c.CreateCommand())
            {
                read.CommandText = """
                    SELECT i.list, i.position, i.item, i.score, i.variant, i.rank_a, i.rank_b FROM items i JOIN lists l ON l.id = i.list
                    WHERE l.experiment = $x OR (l.experiment IS NULL AND l.pipeline = $p) ORDER BY i.list, i.position
                    """;
                read.Parameters.AddWithValue("$x", experiment);
                read.Parameters.AddWithValue("$p", control);
                using var r = read.ExecuteReader();
                while (r.Read())
                {
                    long list = r.GetInt64(0);
                    if (!items.TryGetValue(list, out var rows)) items[list] = rows = [];
                    Variant? variant = r.IsDBNull(4) ? null : ParseVariant(r.GetString(4), path, list);
                    rows.Add(new ServedItem(r.GetString(2), r.GetInt32(1), r.GetDouble(3), NoFeatures, variant,
                        r.IsDBNull(5) ? 0 : r.GetInt32(5), r.IsDBNull(6) ? 0 : r.GetInt32(6)));
                }
            }
            using (var read = c.CreateCommand())
            {
                read.CommandText = """
                    SELECT id, request, pipeline, user, served, randomised, experiment, method FROM lists
                    WHERE experiment = $x OR (experiment IS NULL AND pipeline = $p) ORDER BY id
                    """;
                read.Parameters.AddWithValue("$x", experiment);
                read.Parameters.AddWithValue("$p", control);
                using var r = read.ExecuteReader();
                while (r.Read())
                    lists.Add(new ServedList(r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetInt32(5), items.GetValueOrDefault(r.GetInt64(0)) ?? [])
                    {
                        Experiment = r.IsDBNull(6) ? null : r.GetString(6),
                        Method = r.IsDBNull(7) ? null : r.GetString(7),
                    });
            }
            return lists;
        }
        catch (SqliteException e)
        {
            throw new FeatureLogException($"feature log '{path}': {e.Message}", e);
        }
    }

    private static readonly IReadOnlyDictionary<string, double> NoFeatures = new Dictionary<string, double>();

    private static Variant ParseVariant(string text, string path, long list) => text switch
    {
        "A" => Variant.A,
        "B" => Variant.B,
        _ => throw new FeatureLogException($"feature log '{path}': list {list.ToString(CultureInfo.InvariantCulture)} has an unknown variant '{text}'"),
    };
}
