using System.Buffers;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Knn;

/// <summary>
/// Item-based collaborative filtering (Sarwar, Karypis, Konstan &amp; Riedl 2001, "Item-based collaborative filtering
/// recommendation algorithms"): each item keeps its N most similar items by shrunk cosine over the users' strengths,
/// and a user's score for item i is <c>sum over history items j of w_j * sim(j, i)</c>, where sim(j, i) counts only
/// when i is among j's kept neighbours. Immutable and thread-safe.
/// </summary>
public sealed class ItemKnnModel
{
    /// <summary>The kind written in model files and used in their names (<c>itemknn-v{N}.bin</c>).</summary>
    public const string Kind = "itemknn";

    private readonly int[] _ptr;
    private readonly int[] _neighbour;
    private readonly float[] _similarity;

    internal ItemKnnModel(IdMap items, InteractionMatrixOptions matrixOptions, ItemKnnOptions options, int[] ptr, int[] neighbour, float[] similarity)
    {
        Items = items;
        MatrixOptions = matrixOptions;
        Options = options;
        _ptr = ptr;
        _neighbour = neighbour;
        _similarity = similarity;
    }

    /// <summary>The items the model knows.</summary>
    public IdMap Items { get; }

    /// <summary>How training events became strengths; apply the same to request-time histories (<see cref="Preferences.FromEvents"/>).</summary>
    public InteractionMatrixOptions MatrixOptions { get; }

    /// <summary>The training parameters.</summary>
    public ItemKnnOptions Options { get; }

    /// <summary>Stored neighbour pairs.</summary>
    public int PairCount => _neighbour.Length;

    internal ReadOnlySpan<int> NeighbourIndices(int item) => _neighbour.AsSpan(_ptr[item], _ptr[item + 1] - _ptr[item]);

    internal ReadOnlySpan<float> NeighbourSimilarities(int item) => _similarity.AsSpan(_ptr[item], _ptr[item + 1] - _ptr[item]);

    /// <summary>Similarity is <c>dot(a, b) / (|a| |b| + shrink)</c> over the items' user columns; each item keeps its top N (ties: lower item number first).</summary>
    public static ItemKnnModel Train(InteractionMatrix matrix, ItemKnnOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new ItemKnnOptions();
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));

        int items = matrix.Items.Count, n = options.Neighbours;
        var norm = new double[items];
        for (int i = 0; i < items; i++)
        {
            ReadOnlySpan<float> v = matrix.ItemValues(i);
            double s = 0;
            foreach (float x in v) s += (double)x * x;
            norm[i] = Math.Sqrt(s);
        }

        var counts = new int[items];
        var flatNeighbour = new int[(long)items * n];
        var flatSimilarity = new float[(long)items * n];
        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        float shrink = (float)options.Shrink, minSimilarity = (float)options.MinSimilarity;
        Parallel.For(0, items, parallel,
            () => new KnnScratch(items, n),
            (i, _, scratch) =>
            {
                double[] dot = scratch.Dot;
                int[] touched = scratch.Touched;
                int touchedCount = 0;
                ReadOnlySpan<int> users = matrix.ItemUsers(i);
                ReadOnlySpan<float> strengths = matrix.ItemValues(i);
                for (int a = 0; a < users.Length; a++)
                {
                    double rui = strengths[a];
                    ReadOnlySpan<int> row = matrix.UserItems(users[a]);
                    ReadOnlySpan<float> rowValues = matrix.UserValues(users[a]);
                    for (int b = 0; b < row.Length; b++)
                    {
                        int j = row[b];
                        if (j == i) continue;
                        if (dot[j] == 0) touched[touchedCount++] = j;
                        dot[j] += rui * rowValues[b];
                    }
                }
                for (int t = 0; t < touchedCount; t++)
                {
                    int j = touched[t];
                    float sim = (float)(dot[j] / (norm[i] * norm[j] + shrink));
                    dot[j] = 0;
                    if (sim > minSimilarity) scratch.Top.Offer(j, sim);
                }
                counts[i] = scratch.Top.DrainDescending(flatNeighbour.AsSpan(i * n, n), flatSimilarity.AsSpan(i * n, n));
                return scratch;
            },
            _ => { });

        var ptr = new int[items + 1];
        for (int i = 0; i < items; i++) ptr[i + 1] = ptr[i] + counts[i];
        var neighbour = new int[ptr[items]];
        var similarity = new float[ptr[items]];
        for (int i = 0; i < items; i++)
        {
            Array.Copy(flatNeighbour, (long)i * n, neighbour, ptr[i], counts[i]);
            Array.Copy(flatSimilarity, (long)i * n, similarity, ptr[i], counts[i]);
        }
        return new ItemKnnModel(matrix.Items, matrix.Options, options, ptr, neighbour, similarity);
    }

    /// <summary>The kept neighbours of <paramref name="itemId"/>, most similar first, at most <paramref name="k"/> (empty when unknown).</summary>
    public List<ScoredItem> Neighbours(string itemId, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var result = new List<ScoredItem>();
        int i = Items.IndexOf(itemId);
        if (i < 0) return result;
        ReadOnlySpan<int> idx = NeighbourIndices(i);
        ReadOnlySpan<float> sim = NeighbourSimilarities(i);
        for (int t = 0; t < idx.Length && t < k; t++) result.Add(new ScoredItem(Items[idx[t]], sim[t]));
        return result;
    }

    /// <summary>The k best items for a history, best first; <paramref name="excludeSeen"/> leaves out the history's items.</summary>
    public List<ScoredItem> Recommend(IReadOnlyList<WeightedItem> history, int k, bool excludeSeen = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        HashSet<int>? seen = excludeSeen ? h.ToSet() : null;
        float[] score = ArrayPool<float>.Shared.Rent(Items.Count);
        int[] touched = ArrayPool<int>.Shared.Rent(Items.Count);
        try
        {
            Array.Clear(score, 0, Items.Count);
            int touchedCount = 0;
            for (int e = 0; e < h.Count; e++)
            {
                float w = h.Weights[e];
                ReadOnlySpan<int> idx = NeighbourIndices(h.Items[e]);
                ReadOnlySpan<float> sim = NeighbourSimilarities(h.Items[e]);
                for (int t = 0; t < idx.Length; t++)
                {
                    if (score[idx[t]] == 0) touched[touchedCount++] = idx[t];
                    score[idx[t]] += w * sim[t];
                }
            }
            var top = new TopK(k);
            for (int t = 0; t < touchedCount; t++)
            {
                int i = touched[t];
                if (seen is null || !seen.Contains(i)) top.Offer(i, score[i]);
                score[i] = 0;
            }
            return Drain(top);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(score);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>Scores each candidate for a history and names the <paramref name="explainTop"/> history items that contributed most.</summary>
    public ExplainedScore[] Score(IReadOnlyList<WeightedItem> history, IReadOnlyList<string> candidateIds, int explainTop = 3)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(explainTop);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        var slotOf = new Dictionary<int, int>(candidateIds.Count);
        var candidateSlot = new int[candidateIds.Count];
        for (int c = 0; c < candidateIds.Count; c++)
        {
            int i = Items.IndexOf(candidateIds[c]);
            if (i < 0) { candidateSlot[c] = -1; continue; }
            if (!slotOf.TryGetValue(i, out int slot)) slotOf.Add(i, slot = slotOf.Count);
            candidateSlot[c] = slot;
        }
        var score = new double[slotOf.Count];
        var contributions = new Contributions(slotOf.Count, explainTop);
        for (int e = 0; e < h.Count; e++)
        {
            float w = h.Weights[e];
            ReadOnlySpan<int> idx = NeighbourIndices(h.Items[e]);
            ReadOnlySpan<float> sim = NeighbourSimilarities(h.Items[e]);
            for (int t = 0; t < idx.Length; t++)
            {
                if (!slotOf.TryGetValue(idx[t], out int slot)) continue;
                float part = w * sim[t];
                score[slot] += part;
                contributions.Add(slot, h.Items[e], part);
            }
        }
        var result = new ExplainedScore[candidateIds.Count];
        for (int c = 0; c < result.Length; c++)
        {
            int slot = candidateSlot[c];
            if (slot < 0) { result[c] = new ExplainedScore(false, 0, []); continue; }
            var parts = new ScoredItem[contributions.Count(slot)];
            for (int r = 0; r < parts.Length; r++) parts[r] = new ScoredItem(Items[contributions.Item(slot, r)], contributions.Value(slot, r));
            result[c] = new ExplainedScore(true, score[slot], parts);
        }
        return result;
    }

    private List<ScoredItem> Drain(TopK top)
    {
        var idx = new int[top.Count];
        var val = new float[top.Count];
        int n = top.DrainDescending(idx, val);
        var result = new List<ScoredItem>(n);
        for (int t = 0; t < n; t++) result.Add(new ScoredItem(Items[idx[t]], val[t]));
        return result;
    }

    internal void WritePayload(BinaryWriter w)
    {
        ModelCodec.WriteIds(w, Items);
        ModelCodec.WriteMatrixOptions(w, MatrixOptions);
        w.Write(Options.Neighbours);
        w.Write(Options.Shrink);
        w.Write(Options.MinSimilarity);
        ModelCodec.WriteInts(w, _ptr);
        ModelCodec.WriteInts(w, _neighbour);
        ModelCodec.WriteFloats(w, _similarity);
    }

    internal static ItemKnnModel ReadPayload(BinaryReader r)
    {
        IdMap items = ModelCodec.ReadIds(r);
        InteractionMatrixOptions matrixOptions = ModelCodec.ReadMatrixOptions(r);
        var options = new ItemKnnOptions { Neighbours = r.ReadInt32(), Shrink = r.ReadDouble(), MinSimilarity = r.ReadDouble() };
        int[] ptr = ModelCodec.ReadInts(r);
        int[] neighbour = ModelCodec.ReadInts(r);
        float[] similarity = ModelCodec.ReadFloats(r);
        if (ptr.Length != items.Count + 1 || ptr[0] != 0 || ptr[^1] != neighbour.Length || similarity.Length != neighbour.Length)
            throw new InvalidDataException("neighbour table sizes do not agree with the item count");
        for (int i = 0; i < items.Count; i++)
            if (ptr[i + 1] < ptr[i]) throw new InvalidDataException($"neighbour offsets decrease at item {i}");
        foreach (int j in neighbour)
            if ((uint)j >= (uint)items.Count) throw new InvalidDataException($"neighbour {j} is not an item number");
        return new ItemKnnModel(items, matrixOptions, options, ptr, neighbour, similarity);
    }

    private sealed class KnnScratch(int items, int neighbours)
    {
        public double[] Dot { get; } = new double[items];

        public int[] Touched { get; } = new int[items];

        public TopK Top { get; } = new(neighbours);
    }
}
