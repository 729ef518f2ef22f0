using System.Text;
using LuceneReco.Index;
using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>profile</c>: "more like this" of the user's recent items, each weighted by its interaction
/// weight times a recency decay, <c>weight * 0.5^(position / RecencyHalfLife)</c> (position 0 = newest).
/// The explanation names the profile items that share matched terms with the result.
/// </summary>
internal sealed class ProfileRecallSource : IRecallSource
{
    /// <summary>At most this many recent items make the profile.</summary>
    public const int MaxProfileItems = 50;

    /// <summary>An item this many positions back counts half as much as the newest.</summary>
    public const double RecencyHalfLife = 10;

    /// <summary>At most this many profile items are named in an explanation line.</summary>
    private const int MaxNamed = 3;

    public string Name => "profile";

    /// <summary>Implemented as <c>weight * 0.5^(position / RecencyHalfLife)</c>.</summary>
    public static double Decayed(double weight, int position) => weight * Math.Pow(0.5, position / RecencyHalfLife);

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var profile = context.Profile;
        if (profile.Count == 0) return [];
        int n = Math.Min(profile.Count, MaxProfileItems);
        var docs = new List<(int, float)>(n);
        for (int i = 0; i < n; i++) docs.Add((profile[i].Doc, (float)Decayed(profile[i].Weight, i)));
        var options = MoreLikeThisRecall.OptionsFor(step);
        var engine = new MoreLikeThis(context.Reader, options);
        var query = engine.LikeDocs(docs);
        Dictionary<string, List<string>>? owners = context.Explain ? OwnersOf(context.Reader, query, profile, n) : null;
        return MoreLikeThisRecall.Search(context, step, query, options, (_, matched) => Why(matched, owners!, profile, n));
    }

    /// <summary>For each chosen term, the profile items that contain it.</summary>
    private static Dictionary<string, List<string>> OwnersOf(IndexReader reader, MoreLikeThisQuery query, IReadOnlyList<ProfileItem> profile, int n)
    {
        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            foreach (var t in query.Terms)
            {
                if (reader.Freq(profile[i].Doc, t.Field, t.Term) == 0) continue;
                if (!owners.TryGetValue(t.Term, out var list)) owners[t.Term] = list = new List<string>();
                if (!list.Contains(profile[i].Id)) list.Add(profile[i].Id);
            }
        }
        return owners;
    }

    private static string Why(List<string> matched, Dictionary<string, List<string>> owners, IReadOnlyList<ProfileItem> profile, int n)
    {
        var named = new List<string>(MaxNamed);
        for (int i = 0; i < n && named.Count < MaxNamed; i++) // newest first
        {
            foreach (var term in matched)
            {
                if (owners.TryGetValue(term, out var ids) && ids.Contains(profile[i].Id)) { named.Add(profile[i].Id); break; }
            }
        }
        var line = new StringBuilder("like items you viewed: ");
        line.Append(named.Count > 0 ? string.Join(", ", named) : "your recent items");
        if (matched.Count > 0) line.Append(" (").Append(string.Join(", ", matched)).Append(')');
        return line.ToString();
    }
}
