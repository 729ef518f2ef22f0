using System.Globalization;
using System.Text;
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
        LoadedModel<TModel>? loaded = _store.Get();
        if (loaded is null)
        {
            string why = _store.LastError is string error ? $"no usable {Name} model ({error})" : $"no {Name} model in {_store.Directory} yet";
            ExplainAll(candidates, why + "; scores unchanged");
            return ValueTask.CompletedTask;
        }

        List<WeightedItem> history = ReadHistory(request, MatrixOptions(loaded.Model));
        cancellation.ThrowIfCancellationRequested();
        var ids = new List<string>(candidates.Count);
        foreach (Candidate c in candidates) ids.Add(c.ItemId);
        (ExplainedScore[]? scores, string because) = Score(loaded.Model, request, history, ids);
        if (scores is null)
        {
            ExplainAll(candidates, because + "; scores unchanged");
            return ValueTask.CompletedTask;
        }
        cancellation.ThrowIfCancellationRequested();
        Blend(candidates, scores, because, loaded.Version, request.Items ?? Services.Items);
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

    private void Blend(List<Candidate> candidates, ExplainedScore[] scores, string because, int version, IItemCatalog items)
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
                candidate.Explain(Name, Describe(scores[c], because, normIncoming[c], normCf[c], final, titles, items));
            }
            else
            {
                candidate.Explain(Name, Format($"not in the {Name} model (v{version}), collaborative part 0; final {final:0.###}"));
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

    private string Describe(ExplainedScore score, string because, double normIncoming, double normCf, double final, Dictionary<string, string> titles, IItemCatalog items)
    {
        var text = new StringBuilder();
        if (score.Contributions.Count == 0)
        {
            text.Append("nothing in your history points to this");
        }
        else
        {
            text.Append(because).Append(": ");
            for (int k = 0; k < score.Contributions.Count; k++)
            {
                if (k > 0) text.Append(", ");
                string id = score.Contributions[k].ItemId;
                if (!titles.TryGetValue(id, out string? title)) titles[id] = title = Title(id, items);
                text.Append(title).Append(Format($" ({score.Contributions[k].Score:0.##})"));
            }
        }
        text.Append(Format($"; cf {score.Score:0.###}, final {1 - Options.Weight:0.##} x {normIncoming:0.###} + {Options.Weight:0.##} x {normCf:0.###} = {final:0.###}"));
        return text.ToString();
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

    private void ExplainAll(List<Candidate> candidates, string text)
    {
        foreach (Candidate c in candidates) c.Explain(Name, text);
    }

    protected static string Format(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
