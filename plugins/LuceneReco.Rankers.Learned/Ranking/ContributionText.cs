using System.Text;
using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// Words for a row's contributions: the <c>top</c> largest by size, those that raised the item first, e.g.
/// <c>ranked up by: popular this week, close to your recent items; down by: far from your usual categories</c>.
/// No numbers: those go to <c>Candidate.Features</c>.
/// </summary>
internal static class ContributionText
{
    /// <summary>Contributions this close to zero move nothing worth naming.</summary>
    private const double Negligible = 1e-12;

    public static string Describe(FeatureSchema schema, ReadOnlySpan<double> contributions, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        Span<int> chosen = stackalloc int[Math.Min(top, contributions.Length)];
        int count = 0;
        // keep the largest |contribution| sorted by insertion: top is small (at most 20)
        for (int f = 0; f < contributions.Length; f++)
        {
            double size = Math.Abs(contributions[f]);
            if (!(size > Negligible)) continue;
            int at;
            if (count < chosen.Length) at = count++;
            else if (size > Math.Abs(contributions[chosen[^1]])) at = chosen.Length - 1;
            else continue;
            chosen[at] = f;
            for (int k = at; k > 0 && Math.Abs(contributions[chosen[k]]) > Math.Abs(contributions[chosen[k - 1]]); k--)
                (chosen[k], chosen[k - 1]) = (chosen[k - 1], chosen[k]);
        }
        if (count == 0) return "no feature set it apart from the model's average";

        var up = new List<string>(count);
        var down = new List<string>(count);
        for (int k = 0; k < count; k++)
        {
            int f = chosen[k];
            bool raised = contributions[f] > 0;
            string phrase = schema[f].Phrase(raised);
            List<string> side = raised ? up : down;
            if (!side.Contains(phrase)) side.Add(phrase);
        }
        var text = new StringBuilder();
        if (up.Count > 0) text.Append("ranked up by: ").AppendJoin(", ", up);
        if (down.Count > 0) text.Append(up.Count > 0 ? "; down by: " : "ranked down by: ").AppendJoin(", ", down);
        return text.ToString();
    }
}
