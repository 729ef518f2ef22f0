using System.Globalization;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// Labelled lists read from the TSV <c>lucenereco features join</c> writes: a header <c>list served label position weight</c>
/// then the feature names; one row per served item, a list's rows together; an empty feature cell is missing (NaN). Rows
/// are kept in one row-major array, lists in file order.
/// </summary>
internal sealed class LabelledLists
{
    /// <summary>The columns before the features.</summary>
    public static readonly string[] Reserved = ["list", "served", "label", "position", "weight"];

    private LabelledLists(string path, string[] features, double[] values, float[] labels, float[] weights, int[] positions, int[] groups, long[] served)
    {
        Path = path;
        Features = features;
        Values = values;
        Labels = labels;
        Weights = weights;
        Positions = positions;
        Groups = groups;
        Served = served;
    }

    public string Path { get; }

    /// <summary>The feature names, in column order (the trained model's order).</summary>
    public string[] Features { get; }

    /// <summary>Every row's features, row-major, NaN missing.</summary>
    public double[] Values { get; }

    public float[] Labels { get; }

    public float[] Weights { get; }

    /// <summary>Each row's place in the list as served (1 first).</summary>
    public int[] Positions { get; }

    /// <summary>How many rows each list has, in order.</summary>
    public int[] Groups { get; }

    /// <summary>When each list was served (Unix milliseconds).</summary>
    public long[] Served { get; }

    public int Rows => Labels.Length;

    /// <summary>Reads <paramref name="path"/>; a bad header or cell is a <see cref="ModelFormatException"/> naming the file and the line or column.</summary>
    public static LabelledLists Read(string path)
    {
        var lines = ModelFiles.ReadAllLines(path);
        if (lines.Length == 0) throw new ModelFormatException(path, null, "is empty; it needs a header line");
        var header = lines[0].Split('\t');
        for (int c = 0; c < Reserved.Length; c++)
            if (c >= header.Length || header[c] != Reserved[c])
                throw new ModelFormatException(path, Invariant($"column {c + 1}"), $"must be \"{Reserved[c]}\" (the header starts {string.Join(" ", Reserved)}), got \"{(c < header.Length ? header[c] : "")}\"");
        string[] features = header[Reserved.Length..];
        if (features.Length == 0) throw new ModelFormatException(path, "header", "names no feature column");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in features)
            if (f.Length == 0 || !seen.Add(f)) throw new ModelFormatException(path, "header", $"has an empty or repeated feature column \"{f}\"");

        int rows = 0;
        for (int i = 1; i < lines.Length; i++) if (lines[i].Length > 0) rows++;
        var values = new double[rows * features.Length];
        var labels = new float[rows];
        var weights = new float[rows];
        var positions = new int[rows];
        var groups = new List<int>();
        var served = new List<long>();
        string? currentList = null;
        int r = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split('\t');
            string at = Invariant($"line {i + 1}");
            if (cells.Length != header.Length) throw new ModelFormatException(path, at, Invariant($"has {cells.Length} cells, the header {header.Length}"));
            if (cells[0] != currentList)
            {
                currentList = cells[0];
                groups.Add(0);
                served.Add(Long(cells[1], path, at, "served"));
            }
            groups[^1]++;
            labels[r] = (float)Number(cells[2], path, at, "label", min: 0);
            positions[r] = (int)Long(cells[3], path, at, "position");
            weights[r] = (float)Number(cells[4], path, at, "weight", min: 0);
            for (int f = 0; f < features.Length; f++)
            {
                string cell = cells[Reserved.Length + f];
                values[r * features.Length + f] = cell.Length == 0 ? double.NaN : Number(cell, path, at, features[f], min: double.NegativeInfinity);
            }
            r++;
        }
        if (rows == 0) throw new ModelFormatException(path, null, "has a header but no rows");
        return new LabelledLists(System.IO.Path.GetFullPath(path), features, values, labels, weights, positions, [.. groups], [.. served]);
    }

    private static double Number(string cell, string path, string at, string column, double min)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= min) return v;
        throw new ModelFormatException(path, at, $"column \"{column}\" must be a number{(min == 0 ? " of at least 0" : "")}, got \"{cell}\"");
    }

    private static long Long(string cell, string path, string at, string column) =>
        long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new ModelFormatException(path, at, $"column \"{column}\" must be a whole number, got \"{cell}\"");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
