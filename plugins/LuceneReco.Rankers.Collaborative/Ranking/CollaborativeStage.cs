using System.Globalization;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>
/// What both collaborative stages do per request: read the user's history, score the candidates with the served model,
/// record the raw score (<c>StageScores[name]</c>, <c>Features["{name}.score"]</c>), blend it with the incoming score
/// as <c>final = (1 - w) * norm(incoming) + w * norm(cf)</c> (items the model does not know get norm(cf) = 0), explain, and
/// reorder by the final score (stable). Without a model or a history the candidates are left as they are, with a line saying why.
/// </summary>
internal abstract class CollaborativeStage<TModel> : IRankerStage where TModel : class
{
    private readonly ModelStore<TModel> _store;

    protected CollaborativeStage(string name, CollaborativeRankerOptions options, IRankerServices services, ModelStore<TModel> store)
    {
        Name = name;
        Options = options;
        Services = services;
        _store = store;
    }

    protected string Name { get; }

    protected CollaborativeRankerOptions Options { get; }

    protected IRankerServices Services { get; }

    /// <summary>The strengths scheme of the model's training, applied to the request's history.</summary>
    protected abstract InteractionMatrixOptions MatrixOptions(TModel model);

    /// <summary>Scores the candidates, or returns null with the reason the user cannot be scored.</summary>
    protected abstract (ExplainedScore[]? Scores, string Because) Score(TModel model, RankingRequest request, List<WeightedItem> history, List<string> candidateIds);

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) return ValueTask.CompletedTask;
        LoadedModel<TModel>? loaded = _store.For(request.Models); // the version this request's recall used
        if (loaded is null)
        {
            string why = _store.LastError is string error ? $"no usable {Name} model ({error})" : $"no {Name} model in {_store.Directory} yet";
            DebugAll(candidates, why + "; scores unchanged");
            return ValueTask.CompletedTask;
        }

        List<WeightedItem> history = ReadHistory(request, MatrixOptions(loaded.Model));
        cancellation.ThrowIfCancellationRequested();
        var ids = new List<string>(candidates.Count);
        foreach (Candidate c in candidates) ids.Add(c.ItemId);
        (ExplainedScore[]? scores, string because) = Score(loaded.Model, request, history, ids);
        if (scores is null)
        {
            DebugAll(candidates, because + "; scores unchanged");
            return ValueTask.CompletedTask;
        }
        cancellation.ThrowIfCancellationRequested();
        Blend(candidates, scores, because, loaded.Version, request.Items ?? Services.Items, KindsOf(request));
        return ValueTask.CompletedTask;
    }

    private List<WeightedItem> ReadHistory(RankingRequest request, InteractionMatrixOptions matrixOptions)
    {
        if (request.UserId is { Length: > 0 } user)
        {
            List<WeightedItem> stored = Preferences.FromEvents(Services.Interactions.ForUser(user, Options.MaxHistory), matrixOptions);
            if (stored.Count > 0) return stored;
        }
        if (!Options.UseRecentItems || request.RecentItems is null) return [];
        var recent = new List<string>(Math.Min(request.RecentItems.Count, Options.MaxHistory));
        for (int k = 0; k < request.RecentItems.Count && recent.Count < Options.MaxHistory; k++) recent.Add(request.RecentItems[k]);
        return Preferences.FromIds(recent);
    }

    /// <summary>The kind of the user's newest event on each item of the request's history ("rating", "play").</summary>
    private static Dictionary<string, string> KindsOf(RankingRequest request)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Interaction e in request.History) kinds.TryAdd(e.ItemId, e.Kind);
        return kinds;
    }

    private void Blend(List<Candidate> candidates, ExplainedScore[] scores, string because, int version, IItemCatalog items, Dictionary<string, string> kinds)
    {
        int n = candidates.Count;
        var incoming = new double[n];
        var cf = new double[n];
        var known = new bool[n];
        for (int c = 0; c < n; c++)
        {
            incoming[c] = candidates[c].Score;
            cf[c] = scores[c].Score;
            known[c] = scores[c].Known;
        }
        double[] normIncoming = Normalise(incoming, null);
        double[] normCf = Normalise(cf, known);
        double w = Options.Weight;
        var titles = new Dictionary<string, string>(StringComparer.Ordinal); // history items recur across candidates: read each title once
        var order = new (double Score, int Position)[n];
        for (int c = 0; c < n; c++)
        {
            Candidate candidate = candidates[c];
            double final = (1 - w) * normIncoming[c] + w * (known[c] ? normCf[c] : 0);
            if (known[c])
            {
                candidate.StageScores[Name] = cf[c];
                candidate.Features[Name + ".score"] = cf[c];
                candidate.Explain(Describe(scores[c], because, titles, items, kinds, w * normCf[c]));
                candidate.Debug(Name, Format($"cf {cf[c]:0.###}, final {1 - w:0.##} x {normIncoming[c]:0.###} + {w:0.##} x {normCf[c]:0.###} = {final:0.###} (model v{version})"));
            }
            else
            {
                candidate.Debug(Name, Format($"not in the {Name} model (v{version}), collaborative part 0; final {1 - w:0.##} x {normIncoming[c]:0.###} = {final:0.###}"));
            }
            candidate.Score = final;
            order[c] = (final, c);
        }
        Array.Sort(order, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Position.CompareTo(b.Position));
        var sorted = new Candidate[n];
        for (int c = 0; c < n; c++) sorted[c] = candidates[order[c].Position];
        candidates.Clear();
        candidates.AddRange(sorted);
    }

    /// <summary>
    /// "because you rated Alien and played Space Oddity (often chosen by the same people)": the history items that drove the
    /// score, by title, grouped by the kind of the user's event on each; the arithmetic goes to the debug lines.
    /// </summary>
    private Reason Describe(ExplainedScore score, string because, Dictionary<string, string> titles, IItemCatalog items, Dictionary<string, string> kinds, double contribution)
    {
        if (score.Contributions.Count == 0)
            return new Reason(Name, "nothing in your history points to this") { Kind = "history", Contribution = contribution };
        var byVerb = new List<(string Verb, List<string> Titles)>();
        var ids = new List<string>(score.Contributions.Count);
        foreach (ScoredItem part in score.Contributions)
        {
            string id = part.ItemId;
            ids.Add(id);
            if (!titles.TryGetValue(id, out string? title)) titles[id] = title = Title(id, items);
            string verb = kinds.TryGetValue(id, out string? kind) ? EventWording.Verb(kind) : "liked";
            int at = byVerb.FindIndex(v => v.Verb == verb);
            if (at < 0) { byVerb.Add((verb, new List<string>())); at = byVerb.Count - 1; }
            byVerb[at].Titles.Add(title);
        }
        var parts = new List<string>(byVerb.Count);
        foreach (var (verb, named) in byVerb) parts.Add(verb + " " + EventWording.Join(named));
        return new Reason(Name, $"because you {EventWording.Join(parts)} ({because})") { Kind = "history", Items = ids, Contribution = contribution };
    }

    private string Title(string itemId, IItemCatalog items)
    {
        if (Options.TitleField is string field
            && items.Fields(itemId).TryGetValue(field, out IReadOnlyList<string>? values)
            && values.Count > 0 && values[0].Length > 0)
            return values[0];
        return itemId;
    }

    private double[] Normalise(double[] values, bool[]? include)
    {
        var result = new double[values.Length];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, maxAbs = 0;
        for (int k = 0; k < values.Length; k++)
        {
            if (include is not null && !include[k]) continue;
            min = Math.Min(min, values[k]);
            max = Math.Max(max, values[k]);
            maxAbs = Math.Max(maxAbs, Math.Abs(values[k]));
        }
        for (int k = 0; k < values.Length; k++)
        {
            if (include is not null && !include[k]) continue;
            result[k] = Options.Normalisation switch
            {
                ScoreNormalisation.MinMax => max > min ? (values[k] - min) / (max - min) : 1,
                ScoreNormalisation.MaxAbs => maxAbs > 0 ? values[k] / maxAbs : 0,
                _ => values[k],
            };
        }
        return result;
    }

    private void DebugAll(List<Candidate> candidates, string text)
    {
        foreach (Candidate c in candidates) c.Debug(Name, text);
    }

    protected static string Format(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
