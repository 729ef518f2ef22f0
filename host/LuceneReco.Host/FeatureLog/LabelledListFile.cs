using System.Globalization;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// Writes labelled lists as the TSV the learned plugin trains from (its README): a header
/// <c>list served label position weight &lt;feature&gt;...</c>, one row per served item; <c>list</c> numbers the lists,
/// <c>served</c> is Unix milliseconds (for a time-based validation split), <c>weight</c> the inverse propensity weight (1
/// without a position-bias estimate), features by name in ordinal order, an empty cell missing. Features the learned stage
/// itself wrote (<c>learned.*</c>, the served model's score and contributions) are left out: a new model must not learn from
/// the old one's output.
/// </summary>
internal static class LabelledListFile
{
    /// <summary>The columns before the features.</summary>
    public static readonly string[] Reserved = ["list", "served", "label", "position", "weight"];

    /// <summary>Writes <paramref name="lists"/> to <paramref name="path"/> (a temp file renamed into place); returns the rows and feature columns written.</summary>
    public static (int Rows, int Features) Write(string path, IReadOnlyList<LabelledList> lists, PositionBias? bias, double maxWeight)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var l in lists)
            foreach (var item in l.List.Items)
                foreach (var name in item.Features.Keys)
                    if (!name.StartsWith("learned.", StringComparison.Ordinal) && !Array.Exists(Reserved, r => r == name)) names.Add(name);
        var columns = names.ToArray();
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        int rows = 0;
        using (var w = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
        {
            w.Write(string.Join('\t', Reserved));
            foreach (var c in columns) { w.Write('\t'); w.Write(c); }
            w.Write('\n');
            for (int l = 0; l < lists.Count; l++)
            {
                var list = lists[l];
                string served = list.List.ServedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                for (int i = 0; i < list.List.Items.Count; i++)
                {
                    var item = list.List.Items[i];
                    double label = list.Labels[i];
                    double weight = bias?.Weight(item.Position, label, maxWeight) ?? 1;
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"{l}\t{served}\t{label:R}\t{item.Position}\t{weight:R}"));
                    foreach (var c in columns)
                    {
                        w.Write('\t');
                        if (item.Features.TryGetValue(c, out double v) && double.IsFinite(v)) w.Write(v.ToString("R", CultureInfo.InvariantCulture));
                    }
                    w.Write('\n');
                    rows++;
                }
            }
        }
        File.Move(temp, full, overwrite: true);
        return (rows, columns.Length);
    }
}
