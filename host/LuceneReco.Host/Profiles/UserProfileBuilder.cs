using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Profiles;

/// <summary>
/// Builds a user's <see cref="UserProfile"/> from what the <c>profile</c> recall source (<see cref="ProfileRecallSource"/>)
/// reads for a recommendation: the user's newest events, one per item (the newest event gives the weight; an item whose
/// newest event has no positive weight is left out, as the runner leaves it out), at most
/// <see cref="ProfileRecallSource.MaxProfileItems"/> items in the index, each weighted by
/// <see cref="ProfileRecallSource.Decayed"/>; the words are the terms MoreLikeThis picks for that weighted set with the
/// pipeline's <c>profile</c> step settings, which is the query the source searches with.
/// </summary>
internal static class UserProfileBuilder
{
    /// <summary>The category field read for <see cref="UserProfile.Categories"/>.</summary>
    public const string CategoryField = "category";

    /// <summary>The profile of <paramref name="userId"/>, or null when the store holds no event of theirs.</summary>
    /// <param name="max">At most this many terms, categories and items are listed (1 to 100).</param>
    public static UserProfile? Build(IRecallView reader, IInteractionReader interactions, ServingConfig config, string userId, int max = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 100);
        var history = interactions.ForUser(userId, PipelineRunner.HistoryDepth);
        if (history.Count == 0) return null;

        string pipeline = config.DefaultFor(RequestKind.Recommend, hasQuery: false);
        RecallStep? step = null;
        foreach (var s in config.Find(pipeline)?.Recall ?? [])
            if (s.Source == "profile" && s.RunsFor(RequestKind.Recommend)) { step = s; break; }

        var profile = ProfileOf(reader, history);
        var weights = new double[profile.Count];
        double total = 0;
        for (int i = 0; i < profile.Count; i++) total += weights[i] = ProfileRecallSource.Decayed(profile[i].Event.Weight, i);

        var terms = profile.Count == 0 ? [] : Terms(reader, profile, weights, step ?? new RecallStep { Source = "profile" }, max);
        var categories = Categories(reader, profile, weights, total, max);
        var items = new List<ProfileEntry>(profile.Count);
        for (int i = 0; i < profile.Count; i++)
        {
            var (doc, e) = profile[i];
            items.Add(new ProfileEntry(e.ItemId, ItemWords.Title(reader, doc), e.Kind, Math.Round(weights[i] / total, 4), e.Timestamp));
        }
        items.Sort((a, b) => b.Weight.CompareTo(a.Weight)); // stable enough: ties keep no particular order, weights rarely tie
        if (items.Count > max) items.RemoveRange(max, items.Count - max);

        return new UserProfile(userId, pipeline, step is not null, history.Count, profile.Count,
            Summary(userId, pipeline, step is not null, terms, categories, items), terms, categories, items);
    }

    /// <summary>The newest events, one per item in the index, newest first, as the pipeline runner builds the profile.</summary>
    private static List<(int Doc, Interaction Event)> ProfileOf(IRecallView reader, IReadOnlyList<Interaction> history)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var profile = new List<(int, Interaction)>();
        foreach (var e in history)
        {
            if (profile.Count == ProfileRecallSource.MaxProfileItems) break;
            if (seen.Add(e.ItemId) && e.Weight > 0 && double.IsFinite(e.Weight) && reader.DocOf(e.ItemId) is >= 0 and var doc)
                profile.Add((doc, e));
        }
        return profile;
    }

    /// <summary>The query's terms as the profile's items write them, one entry per word (a word in the title and the body is one entry).</summary>
    private static List<ProfileTerm> Terms(IRecallView reader, List<(int Doc, Interaction Event)> profile, double[] weights, RecallStep step, int max)
    {
        var docs = new List<(int, float)>(profile.Count);
        for (int i = 0; i < profile.Count; i++) docs.Add((profile[i].Doc, (float)weights[i]));
        var query = reader.LikeDocs(docs, MoreLikeThisRecall.OptionsFor(step));
        double sum = 0;
        foreach (var t in query.Terms) sum += t.Score;
        var byWord = new Dictionary<string, (List<string> Fields, double Score, HashSet<int> Owners, DateTimeOffset Last, int Order)>(StringComparer.OrdinalIgnoreCase);
        var words = new List<string>();
        // Fields in the schema's order (the title before the body), so a word in both reads as the title writes it ("Orbit").
        var fieldOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in reader.Schema.Fields) fieldOrder[f.Name] = fieldOrder.Count;
        var chosen = new List<InterestingTerm>(query.Terms);
        chosen.Sort((a, b) => fieldOrder.GetValueOrDefault(a.Field) != fieldOrder.GetValueOrDefault(b.Field)
            ? fieldOrder.GetValueOrDefault(a.Field).CompareTo(fieldOrder.GetValueOrDefault(b.Field))
            : b.Score.CompareTo(a.Score));
        foreach (var t in chosen)
        {
            string? word = null;
            var owners = new HashSet<int>();
            var last = DateTimeOffset.MinValue;
            for (int i = 0; i < profile.Count; i++) // newest first: the word as the newest item holding it writes it
            {
                if (reader.Freq(profile[i].Doc, t.Field, t.Term) == 0) continue;
                owners.Add(i);
                if (profile[i].Event.Timestamp > last) last = profile[i].Event.Timestamp;
                if (word is null && ItemWords.Surface(reader, profile[i].Doc, [(t.Field, t.Term)]) is [(_, [var w, ..])]) word = w;
            }
            if (word is null) continue; // the field keeps no text to show the word from; a stem never reaches a person
            if (byWord.TryGetValue(word, out var entry))
            {
                if (!entry.Fields.Contains(t.Field)) entry.Fields.Add(t.Field);
                entry.Owners.UnionWith(owners);
                byWord[word] = (entry.Fields, entry.Score + t.Score, entry.Owners, last > entry.Last ? last : entry.Last, entry.Order);
            }
            else
            {
                byWord[word] = ([t.Field], t.Score, owners, last, words.Count);
                words.Add(word);
            }
        }
        var terms = new List<ProfileTerm>(words.Count);
        foreach (string w in words)
        {
            var e = byWord[w];
            terms.Add(new ProfileTerm(w, e.Fields, sum > 0 ? Math.Round(e.Score / sum, 4) : 0, e.Owners.Count, e.Last));
        }
        terms.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : byWord[a.Word].Order.CompareTo(byWord[b.Word].Order));
        if (terms.Count > max) terms.RemoveRange(max, terms.Count - max);
        return terms;
    }

    /// <summary>The items' categories, each item's weight split over its values.</summary>
    private static List<ProfileCategory> Categories(IRecallView reader, List<(int Doc, Interaction Event)> profile, double[] weights, double total, int max)
    {
        var result = new List<ProfileCategory>();
        if (reader.Schema.Find(CategoryField) is null) return result;
        var byValue = new Dictionary<string, (double Weight, int Items, DateTimeOffset Last, int Order)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < profile.Count; i++)
        {
            var values = new List<string>();
            foreach (var (field, value) in reader.Stored(profile[i].Doc).Strings)
                if (field == CategoryField && value.Length > 0 && !values.Contains(value)) values.Add(value);
            foreach (string value in values)
            {
                double share = weights[i] / values.Count;
                var at = profile[i].Event.Timestamp;
                if (byValue.TryGetValue(value, out var c)) byValue[value] = (c.Weight + share, c.Items + 1, at > c.Last ? at : c.Last, c.Order);
                else { byValue[value] = (share, 1, at, order.Count); order.Add(value); }
            }
        }
        foreach (string value in order)
        {
            var c = byValue[value];
            result.Add(new ProfileCategory(value, Math.Round(c.Weight / total, 4), c.Items, c.Last));
        }
        result.Sort((a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : byValue[a.Category].Order.CompareTo(byValue[b.Category].Order));
        if (result.Count > max) result.RemoveRange(max, result.Count - max);
        return result;
    }

    /// <summary>"Recommendations for u05 lean on the words "Orbit", "station" and "space", on books, and most of all on The Quiet Orbit (rated)."</summary>
    private static string Summary(string userId, string pipeline, bool profileInPipeline, List<ProfileTerm> terms, List<ProfileCategory> categories, List<ProfileEntry> items)
    {
        if (items.Count == 0)
            return $"None of {userId}'s items is in the index, so their history shapes no content recommendation.";
        var parts = new List<string>(3);
        if (terms.Count > 0)
        {
            var quoted = new List<string>(3);
            for (int i = 0; i < terms.Count && i < 3; i++) quoted.Add('"' + terms[i].Word + '"');
            parts.Add("the words " + EventWording.Join(quoted));
        }
        if (categories.Count > 0) parts.Add("on " + categories[0].Category);
        parts.Add($"most of all on {items[0].Title} ({EventWording.Verb(items[0].Kind)})");
        string text = parts.Count == 1
            ? $"Recommendations for {userId} lean {parts[0]}."
            : $"Recommendations for {userId} lean on {string.Join(", ", parts[..^1])}, and {parts[^1]}.";
        return profileInPipeline ? text : text + $" The pipeline '{pipeline}' has no profile step, so these words recall nothing there; its other sources read the same history.";
    }
}
