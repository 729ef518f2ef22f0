using System.Globalization;
using LuceneReco.Host.Offline;
using LuceneReco.Host.Offline.Evaluation;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Cli;

/// <summary>What <c>eval</c> ran: each system's scores and lists, for the same judged users.</summary>
/// <param name="Scores">Accuracy per system, in report order.</param>
/// <param name="Systems">Each system's lists, aligned with <paramref name="Users"/>, in the same order.</param>
/// <param name="Users">The judged users.</param>
/// <param name="Relevant">Each user's held-out items.</param>
/// <param name="History">Each user's training items.</param>
/// <param name="UsersOfItem">Training users per item.</param>
internal sealed record EvalLists(List<SystemScores> Scores, List<(string Name, IReadOnlyList<IReadOnlyList<string>> Lists)> Systems,
    IReadOnlyList<string> Users, IReadOnlyList<IReadOnlySet<string>> Relevant, IReadOnlyList<IReadOnlyCollection<string>> History,
    IReadOnlyDictionary<string, int> UsersOfItem);

/// <summary><c>eval</c>'s diversity and fairness report: <see cref="BeyondAccuracy"/> for every system, items read from the index's last commit.</summary>
internal static class EvalBeyondAccuracy
{
    /// <summary>One system's diversity and fairness in the report.</summary>
    public sealed record Entry(string Name, BeyondAccuracyScores Scores);

    public static List<Entry> Score(string indexDirectory, EvalLists run, BeyondAccuracyOptions options)
    {
        using var reader = LuceneReco.Index.IndexReader.Open(indexDirectory);
        var items = new ItemFeatures(new ItemCatalogView(LuceneReco.Index.Backends.NativeRecallIndex.View(reader)), options.TextFields);
        var entries = new List<Entry>(run.Systems.Count);
        foreach (var (name, lists) in run.Systems)
            entries.Add(new Entry(name, BeyondAccuracy.Of(lists, run.Users, run.Relevant, run.History, run.UsersOfItem, items, options)));
        return entries;
    }

    public static void WriteTable(TextWriter output, IReadOnlyList<Entry> entries, int depth)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"diversity and fairness at {depth} (ILD: mean pair distance; Gini of exposure 1/log2(1+rank); ratio: least / most exposed item group; KL: list vs history categories; gap: NDCG between user groups)");
        output.WriteLine($"{"system",-16} {"ILD text",8} {"ILD cat",8} {"a-nDCG",7} {"Gini item",9} {"Gini prov",9} {"ratio",6} {"KL",6} {"gap",6}  user groups");
        foreach (var (name, s) in entries)
        {
            string groups = string.Join(", ", s.UserGroupNdcg.Select(g => string.Create(c, $"{g.Key} {g.Value:0.0000}")));
            output.WriteLine($"{name,-16} {N(s.IldText),8} {N(s.IldCategory),8} {N(s.AlphaNdcg),7} {N(s.ItemGini),9} {N(s.ProviderGini),9} {N(s.ExposureRatio, "0.000"),6} {N(s.CalibrationKl, "0.000"),6} {N(s.UserGap),6}  {groups}");
        }
    }

    private static string N(double v, string format = "0.0000") => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
}
