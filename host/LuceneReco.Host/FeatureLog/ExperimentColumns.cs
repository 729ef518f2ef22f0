using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// The feature log's experiment columns (docs/experiments.md), added to a log written before them: <c>lists.experiment</c> and
/// <c>lists.method</c> (null for a pipeline's own list), <c>items.variant</c> (<c>A</c> or <c>B</c>), <c>items.rank_a</c> and
/// <c>items.rank_b</c>. They are nullable additions, so a build that does not know them still reads the log (the schema
/// version stays 1).
/// </summary>
internal static class ExperimentColumns
{
    private static readonly (string Table, string Column, string Type)[] Columns =
    [
        ("lists", "experiment", "TEXT"),
        ("lists", "method", "TEXT"),
        ("items", "variant", "TEXT"),
        ("items", "rank_a", "INTEGER"),
        ("items", "rank_b", "INTEGER"),
    ];

    /// <summary>Adds the columns the log lacks.</summary>
    public static void Ensure(SqliteConnection c)
    {
        foreach (var (table, column, type) in Columns)
        {
            if (Has(c, table, column)) continue;
            try
            {
                using var alter = c.CreateCommand();
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {type}";
                alter.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // another process added it between the check and the change: what we wanted
            }
        }
    }

    private static bool Has(SqliteConnection c, string table, string column)
    {
        using var info = c.CreateCommand();
        info.CommandText = $"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $c";
        info.Parameters.AddWithValue("$c", column);
        return info.ExecuteScalar() is not null;
    }
}
