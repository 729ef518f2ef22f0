using System.Globalization;
using System.Text;

namespace LuceneReco.Rankers.Learned.Tests.Training;

/// <summary>
/// Synthetic labelled lists in the TSV 'features join' writes: lists of items with a planted signal (relevance rises with
/// "signal"), noise features (some missing), served in an order that knows nothing of the signal, and clicks drawn from a
/// position-based model (examined with probability 1 / position, clicked when examined and relevant).
/// </summary>
internal static class ListsFile
{
    public static readonly string[] Features = ["noise", "popular", "signal"];

    /// <summary>One list's rows: features by name (NaN missing), the true grade, the served position, the click label.</summary>
    public sealed record Row(double Noise, double Popular, double Signal, int Truth, int Position, int Click);

    public static List<Row[]> Simulate(Random random, int lists, int size, bool positionBias)
    {
        var result = new List<Row[]>(lists);
        for (int l = 0; l < lists; l++)
        {
            var rows = new Row[size];
            for (int i = 0; i < size; i++)
            {
                double signal = random.NextDouble();
                int truth = signal > 0.9 ? 2 : signal > 0.7 ? 1 : 0;
                rows[i] = new Row(random.NextDouble() < 0.2 ? double.NaN : random.NextDouble(), random.NextDouble(), signal, truth, 0, 0);
            }
            // served by "popular", which says nothing about relevance
            Array.Sort(rows, (a, b) => b.Popular.CompareTo(a.Popular));
            for (int p = 0; p < size; p++)
            {
                bool examined = !positionBias || random.NextDouble() < 1.0 / (p + 1);
                rows[p] = rows[p] with { Position = p + 1, Click = examined ? rows[p].Truth : 0 };
            }
            result.Add(rows);
        }
        return result;
    }

    /// <summary>Writes <paramref name="lists"/> with the click labels (or the true grades) and a weight per row.</summary>
    public static void Write(string path, List<Row[]> lists, bool truthLabels = false, Func<Row, double>? weight = null)
    {
        var text = new StringBuilder("list\tserved\tlabel\tposition\tweight\t" + string.Join('\t', Features) + "\n");
        for (int l = 0; l < lists.Count; l++)
            foreach (var r in lists[l])
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{l}\t{1_700_000_000_000L + l * 1000L}\t{(truthLabels ? r.Truth : r.Click)}\t{r.Position}\t{weight?.Invoke(r) ?? 1}\t{Cell(r.Noise)}\t{Cell(r.Popular)}\t{Cell(r.Signal)}\n"));
        File.WriteAllText(path, text.ToString());
    }

    private static string Cell(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
}
