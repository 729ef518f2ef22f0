using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>profile</c>: "more like this" of the user's recent items, each weighted by its interaction
/// weight times a recency decay, <c>weight * 0.5^(position / RecencyHalfLife)</c> (position 0 = newest).
/// The explanation names, by title and by the user's own kind of event, the profile items that share matched terms with the result.
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
        var view = context.View;
        var query = context.UserCache is { } cache
            ? cache.Profile(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{options.MinTermFreq}|{options.MinDocFreq}|{options.MaxQueryTerms}|{n}"), () => view.LikeDocs(docs, options))
            : view.LikeDocs(docs, options);
        Dictionary<string, List<int>>? owners = context.Explain ? OwnersOf(view, query, profile, n) : null;
        return MoreLikeThisRecall.Search(context, step, query, options, (doc, matched) => Why(view, doc, matched, owners!, profile, n));
    }

    /// <summary>For each chosen term, the profile positions whose items contain it.</summary>
    private static Dictionary<string, List<int>> OwnersOf(IRecallView reader, MoreLikeThisQuery query, IReadOnlyList<ProfileItem> profile, int n)
    {
        var owners = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            foreach (var t in query.Terms)
            {
                if (reader.Freq(profile[i].Doc, t.Field, t.Term) == 0) continue;
                if (!owners.TryGetValue(t.Term, out var list)) owners[t.Term] = list = new List<int>();
                if (!list.Contains(i)) list.Add(i);
            }
        }
        return owners;
    }

    /// <summary>
    /// "because you rated Alien and played Space Oddity: shares "space" in the title": the newest profile items that
    /// share a chosen term with the hit, by title and by the kind of the user's event, and the shared words as the hit writes them.
    /// </summary>
    private static Reason Why(IRecallView reader, int doc, List<(string Field, string Term)> matched, Dictionary<string, List<int>> owners, IReadOnlyList<ProfileItem> profile, int n)
    {
        var named = new List<int>(MaxNamed);
        for (int i = 0; i < n && named.Count < MaxNamed; i++) // newest first
        {
            foreach (var (_, term) in matched)
                if (owners.TryGetValue(term, out var positions) && positions.Contains(i)) { named.Add(i); break; }
        }
        var words = ItemWords.Surface(reader, doc, matched);
        string shared = ItemWords.Describe("shares", words);
        var ids = new List<string>(named.Count);
        foreach (int i in named) ids.Add(profile[i].Id);
        string because = named.Count > 0 ? "because " + YouDid(reader, profile, named) : "like items in your history";
        return new Reason("", shared.Length > 0 ? because + ": " + shared : because)
        {
            Kind = "history",
            Items = ids,
            Terms = ItemWords.AllWords(words),
        };
    }

    /// <summary>"you rated Alien and Aliens and played Space Oddity": the named items grouped by their event's kind, in order.</summary>
    private static string YouDid(IRecallView reader, IReadOnlyList<ProfileItem> profile, List<int> named)
    {
        var kinds = new List<(string Verb, List<string> Titles)>();
        foreach (int i in named)
        {
            string verb = EventWording.Verb(profile[i].Kind);
            int at = kinds.FindIndex(k => k.Verb == verb);
            if (at < 0) { kinds.Add((verb, new List<string>())); at = kinds.Count - 1; }
            kinds[at].Titles.Add(ItemWords.Title(reader, profile[i].Doc));
        }
        var parts = new List<string>(kinds.Count);
        foreach (var (verb, titles) in kinds) parts.Add(verb + " " + EventWording.Join(titles));
        return "you " + EventWording.Join(parts);
    }
}
