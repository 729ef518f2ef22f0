using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>
/// What both collaborative candidate sources do: read the served model from the store the plugin's stages share, turn the
/// request's history (or, for "similar items", the one item) into strengths as training did, ask the model for the best
/// items, and keep the first <see cref="CandidateQuery.Size"/> the request accepts, asking the model for more while the
/// filter refuses too many. Without a model or a history there are no candidates.
/// </summary>
internal abstract class CollaborativeSource<TModel>(ModelStore<TModel> store, int maxHistory) : ICandidateSource where TModel : class
{
    /// <summary>The most items asked of a model for one request, however many the filter refuses.</summary>
    private const int MaxAsked = 200_000;

    /// <summary>The model's item ids.</summary>
    protected abstract IdMap ItemsOf(TModel model);

    /// <summary>The strengths scheme of the model's training.</summary>
    protected abstract InteractionMatrixOptions MatrixOptions(TModel model);

    /// <summary>The model's best <paramref name="count"/> items for <paramref name="history"/>, best first, without the history's own items.</summary>
    protected abstract List<ScoredItem> Score(TModel model, List<WeightedItem> history, int count);

    /// <summary>As <see cref="Score(TModel, List{WeightedItem}, int)"/>, for models that need the query (for example the asking user).</summary>
    protected virtual List<ScoredItem> Score(TModel model, List<WeightedItem> history, int count, CandidateQuery query) => Score(model, history, count);

    /// <summary>Why an item was recalled, for people.</summary>
    protected abstract string Why(bool fromOneItem);

    public IReadOnlyList<SourcedCandidate> Recall(CandidateQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (store.For(query.Models) is not { } loaded) return [];
        TModel model = loaded.Model;
        bool fromItem = query.History.Count == 0 && query.ItemId is not null;
        List<WeightedItem> history = fromItem
            ? Preferences.FromIds([query.ItemId!])
            : Preferences.FromEvents(Newest(query.History), MatrixOptions(model));
        if (history.Count == 0) return [];

        string why = Why(fromItem);
        int asked = Math.Min(MaxAsked, query.Size + history.Count + 16);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            List<ScoredItem> scored = Score(model, history, asked, query);
            var hits = new List<SourcedCandidate>(Math.Min(query.Size, scored.Count));
            foreach (ScoredItem item in scored)
            {
                if (!query.Accepts(item.ItemId)) continue;
                hits.Add(new SourcedCandidate(item.ItemId, item.Score, query.Explain ? why : null));
                if (hits.Count == query.Size) return hits;
            }
            // The model had no more to give, or the cap is reached: fewer than asked is all there is.
            if (scored.Count < asked || asked >= MaxAsked) return hits;
            asked = (int)Math.Min(MaxAsked, asked * 4L);
        }
    }

    public Predicate<string>? KnownItems() => store.Get() is { } loaded ? ItemsOf(loaded.Model).Contains : null;

    public Predicate<string>? KnownItems(CandidateQuery query) => store.For(query.Models) is { } loaded ? ItemsOf(loaded.Model).Contains : null;

    private IEnumerable<Interaction> Newest(IReadOnlyList<Interaction> history)
    {
        for (int i = 0; i < history.Count && i < maxHistory; i++) yield return history[i];
    }
}
