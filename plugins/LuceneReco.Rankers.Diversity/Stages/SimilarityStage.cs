using System.Globalization;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Options;
using LuceneReco.Rankers.Diversity.Vectors;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>
/// What the MMR and DPP stages share: per request, the top <c>depth</c> candidates' relevance (their incoming score,
/// min-max normalised), their similarity (TF-IDF cosine and/or attributes, read through <c>request.Items ?? services.Items</c>),
/// the objective's picks, the rest of the depth in relevance order, and everything after the depth unchanged. Scores
/// are left as they are (later stages still see relevance); each moved item gets a line saying why, and numbers go to
/// features <c>{name}.relevance</c>, <c>{name}.maxSim</c>, <c>{name}.{score|gain}</c> and <c>{name}.moved</c> (places gained).
/// </summary>
internal abstract class SimilarityStage : IRequestValidatingStage
{
    private readonly SimilarityStageOptions _options;
    private readonly IRankerServices _services;
    private readonly string[] _textFields, _attributeFields;

    protected SimilarityStage(string name, SimilarityStageOptions options, IRankerServices services)
    {
        Name = name;
        _options = options;
        _services = services;
        _textFields = options.TextFieldList;
        _attributeFields = options.AttributeFieldList;
    }

    /// <summary>The stage's name: explanation prefix, feature prefix and request option prefix.</summary>
    protected string Name { get; }

    /// <summary>The request option names this stage takes (after the prefix), for the unknown-key problem.</summary>
    protected abstract string OptionList { get; }

    /// <summary>Reads this stage's overrides; adds a problem per bad one when <paramref name="problems"/> is given.</summary>
    protected abstract void ReadOverrides(RankingRequest request, List<string>? problems);

    /// <summary>Whether <paramref name="option"/> (after the prefix) is one of this stage's request options.</summary>
    protected abstract bool Takes(string option);

    /// <summary>Runs the objective over the depth; a bad override falls back to the configured value.</summary>
    protected abstract Selection Select(RankingRequest request, double[] relevance, ISimilarity similarity, int positions, CancellationToken cancellation);

    public IReadOnlyList<string> ValidateRequest(RankingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        ReadOverrides(request, problems);
        RequestOverrides.Unknown(request, Name, Takes, OptionList, problems);
        return problems;
    }

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = Math.Min(_options.Depth ?? candidates.Count, candidates.Count);
        if (n < 2) return ValueTask.CompletedTask;
        IItemCatalog items = request.Items ?? _services.Items;
        var ids = new string[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = candidates[i].ItemId;
            scores[i] = candidates[i].Score;
        }
        double[] relevance = Relevance.MinMax(scores);
        var titles = new TitleCache(items, ids, _options.TitleField);
        SparseVectors? text = _textFields.Length > 0 ? CandidateReader.TermVectors(items, ids, _textFields, _options.MaxTerms, cancellation) : null;
        ItemAttributes? attributes = _attributeFields.Length > 0 ? CandidateReader.Attributes(items, ids, _attributeFields, titles, cancellation) : null;
        DenseVectors? vectors = _options.VectorWeight > 0 ? DenseVectors.Read(items, ids, cancellation) : null;
        if ((text is null || _options.TextWeight == 0) && (attributes is null || _options.AttributeWeight == 0) && vectors is null)
        {
            // only the embedding part is configured and the index has no vectors (yet): nothing to compare by, so the order stays
            candidates[0].Debug(Name, "no embedding vectors in the index, so the order is unchanged");
            return ValueTask.CompletedTask;
        }
        var similarity = new ItemSimilarity(n, text, _options.TextWeight, attributes, _options.AttributeWeight, _options.AttributeMatch, vectors, _options.VectorWeight);
        cancellation.ThrowIfCancellationRequested();

        Selection selection = Select(request, relevance, similarity, Math.Min(_options.Positions ?? n, n), cancellation);
        int[] order = Complete(selection.Order, relevance);
        cancellation.ThrowIfCancellationRequested();
        Explain(candidates, order, selection, relevance, attributes, titles);

        var reordered = new Candidate[n];
        for (int place = 0; place < n; place++) reordered[place] = candidates[order[place]];
        for (int place = 0; place < n; place++) candidates[place] = reordered[place];
        return ValueTask.CompletedTask;
    }

    /// <summary>The picks, then the rest of the depth by relevance (ties: the earlier place first).</summary>
    private static int[] Complete(int[] picks, double[] relevance)
    {
        int n = relevance.Length;
        var placed = new bool[n];
        var order = new int[n];
        int at = 0;
        foreach (int i in picks)
        {
            placed[i] = true;
            order[at++] = i;
        }
        int restStart = at;
        for (int i = 0; i < n; i++)
            if (!placed[i]) order[at++] = i;
        Array.Sort(order, restStart, n - restStart, Comparer<int>.Create((a, b) => relevance[a] != relevance[b] ? relevance[b].CompareTo(relevance[a]) : a.CompareTo(b)));
        return order;
    }

    private void Explain(List<Candidate> candidates, int[] order, Selection selection, double[] relevance, ItemAttributes? attributes, TitleCache titles)
    {
        int n = order.Length;
        var pickValue = new double[n];
        var picked = new bool[n];
        for (int p = 0; p < selection.Order.Length; p++)
        {
            picked[selection.Order[p]] = true;
            pickValue[selection.Order[p]] = selection.PickValue[p];
        }
        // Which attribute values the items above each place have, so a moved-up item can say what it adds.
        bool[][]? seen = null;
        if (attributes is not null)
        {
            seen = new bool[attributes.Fields.Length][];
            for (int f = 0; f < seen.Length; f++) seen[f] = new bool[attributes.ValueCounts[f]];
        }
        string relevanceKey = Name + ".relevance", maxSimKey = Name + ".maxSim", pickKey = Name + "." + selection.PickFeature, movedKey = Name + ".moved";

        for (int place = 0; place < n; place++)
        {
            int i = order[place];
            Candidate candidate = candidates[i];
            candidate.Features[relevanceKey] = relevance[i];
            candidate.Features[maxSimKey] = selection.MaxSimilarity[i];
            if (picked[i]) candidate.Features[pickKey] = pickValue[i];
            string? adds = seen is null ? null : NewValue(attributes!, seen, i);
            if (place == i) continue;
            candidate.Features[movedKey] = i - place;
            string moved = Wording.Moved(i + 1, place + 1);
            if (place < i)
                candidate.Explain(Name, moved + (adds is not null ? $": adds {adds}, which no item above it has" : ": unlike the items above it"));
            else if (selection.Closest[i] >= 0 && selection.MaxSimilarity[i] > 0)
                candidate.Explain(Name, $"{moved}: too close to {Wording.Quote(titles.Of(selection.Closest[i]))}, already above it");
            else
                candidate.Explain(Name, moved + ": made room for items that add variety");
        }
    }

    /// <summary>The first attribute value of candidate <paramref name="i"/> that no item above it has ("Drama (category)"), then marks its values seen.</summary>
    private static string? NewValue(ItemAttributes attributes, bool[][] seen, int i)
    {
        string? found = null;
        for (int f = 0; f < attributes.Fields.Length; f++)
        {
            int[] ids = attributes.Ids[f][i];
            for (int v = 0; v < ids.Length; v++)
            {
                if (!seen[f][ids[v]] && found is null) found = $"{attributes.Values[f][i][v]} ({Wording.Noun(attributes.Fields[f])})";
                seen[f][ids[v]] = true;
            }
        }
        return found;
    }

    /// <summary>Formats with the invariant culture.</summary>
    protected static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
