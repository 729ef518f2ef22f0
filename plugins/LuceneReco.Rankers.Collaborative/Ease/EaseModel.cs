using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ease;

/// <summary>
/// EASE, the "embarrassingly shallow autoencoder" (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"):
/// an item-item weight matrix <c>B</c> minimising <c>|X - X B|^2 + lambda |B|^2</c> with <c>diag(B) = 0</c>, in closed form
/// <c>P = (X^T X + lambda I)^-1</c>, <c>B_ij = -P_ij / P_jj</c> (i != j). A user's score for item j is
/// <c>sum over history items i of r_ui * B_ij</c>. B is dense (float32, <c>n^2</c> values), so the model is for catalogues up
/// to <see cref="EaseOptions.MaxItemCount"/> items. Immutable and thread-safe.
/// </summary>
public sealed class EaseModel
{
    /// <summary>The kind written in model files and used in their names (<c>ease-v{N}.bin</c>).</summary>
    public const string Kind = "ease";

    private readonly float[] _weights; // n x n, row i = what history item i adds to every item

    internal EaseModel(IdMap items, InteractionMatrixOptions matrixOptions, EaseOptions options, float[] weights)
    {
        Items = items;
        MatrixOptions = matrixOptions;
        Options = options;
        _weights = weights;
    }

    /// <summary>The items the model knows.</summary>
    public IdMap Items { get; }

    /// <summary>How training events became strengths; apply the same to request-time histories.</summary>
    public InteractionMatrixOptions MatrixOptions { get; }

    /// <summary>The training parameters.</summary>
    public EaseOptions Options { get; }

    /// <summary>The weight <c>B_ij</c> of item <paramref name="j"/> given history item <paramref name="i"/> (model numbering).</summary>
    internal float Weight(int i, int j) => _weights[(long)i * Items.Count + j];

    /// <summary>Builds <c>X^T X + lambda I</c> from the matrix and inverts it (<see cref="SpdInverse"/>).</summary>
    /// <exception cref="NotSupportedException">More items than <see cref="EaseOptions.MaxItemCount"/> and no <see cref="EaseOptions.MaxItems"/>.</exception>
    /// <exception cref="ArgumentException">Bad options.</exception>
    public static EaseModel Train(InteractionMatrix matrix, EaseOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new EaseOptions();
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        int[] kept = KeptItems(matrix, options);
        int n = kept.Length;
        var local = new int[matrix.Items.Count];
        Array.Fill(local, -1);
        for (int k = 0; k < n; k++) local[kept[k]] = k;

        var a = new float[(long)n * n];
        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        Parallel.For(0, n, parallel, row =>
        {
            int item = kept[row];
            Span<float> target = a.AsSpan(row * n, n);
            ReadOnlySpan<int> users = matrix.ItemUsers(item);
            ReadOnlySpan<float> strengths = matrix.ItemValues(item);
            for (int u = 0; u < users.Length; u++)
            {
                float x = strengths[u];
                ReadOnlySpan<int> others = matrix.UserItems(users[u]);
                ReadOnlySpan<float> values = matrix.UserValues(users[u]);
                for (int t = 0; t < others.Length; t++)
                    if (local[others[t]] is int column and >= 0) target[column] += x * values[t];
            }
            target[row] += (float)options.Lambda;
        });

        float[] diagonal = SpdInverse.InvertLower(a, n, options.MaxDegreeOfParallelism, cancellation);
        Parallel.For(0, n, parallel, i =>
        {
            a[(long)i * n + i] = 0;
            for (int j = i + 1; j < n; j++)
            {
                float p = a[(long)j * n + i];
                a[(long)i * n + j] = -p / diagonal[j];
                a[(long)j * n + i] = -p / diagonal[i];
            }
        });
        var ids = new string[n];
        for (int k = 0; k < n; k++) ids[k] = matrix.Items[kept[k]];
        return new EaseModel(new IdMap(ids), matrix.Options, options, a);
    }

    private static int[] KeptItems(InteractionMatrix matrix, EaseOptions options)
    {
        int count = matrix.Items.Count;
        if (options.MaxItems is null && count > EaseOptions.MaxItemCount)
            throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture,
                $"EASE handles at most {EaseOptions.MaxItemCount:N0} items (a dense {count:N0}-square matrix would need {(double)count * count * 4 / 1e9:0.0} GB); "
                + $"this catalogue has {count:N0} items with interactions: set ease.max-items to keep the most popular ones, or use als or itemknn"));
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        if (options.MaxItems is int max && max < count)
        {
            // most users first, ties by item number, then back into item order so the numbering is stable
            Array.Sort(order, (x, y) => matrix.ItemUsers(x).Length != matrix.ItemUsers(y).Length
                ? matrix.ItemUsers(y).Length.CompareTo(matrix.ItemUsers(x).Length) : x.CompareTo(y));
            order = order[..max];
            Array.Sort(order);
        }
        return order;
    }

    /// <summary>The k best items for a history, best first; <paramref name="excludeSeen"/> leaves out the history's items.</summary>
    public List<ScoredItem> Recommend(IReadOnlyList<WeightedItem> history, int k, bool excludeSeen = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        int n = Items.Count;
        var result = new List<ScoredItem>();
        if (h.Count == 0 || k == 0) return result;
        float[] score = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Span<float> s = score.AsSpan(0, n);
            s.Clear();
            for (int e = 0; e < h.Count; e++)
                TensorPrimitives.MultiplyAdd(_weights.AsSpan(h.Items[e] * n, n), h.Weights[e], s, s);
            HashSet<int>? seen = excludeSeen ? h.ToSet() : null;
            var top = new TopK(Math.Min(k, n));
            for (int j = 0; j < n; j++)
                if (seen is null || !seen.Contains(j)) top.Offer(j, s[j]);
            var idx = new int[top.Count];
            var val = new float[top.Count];
            int got = top.DrainDescending(idx, val);
            for (int t = 0; t < got; t++) result.Add(new ScoredItem(Items[idx[t]], val[t]));
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(score);
        }
    }

    /// <summary>Scores each candidate for a history and names the <paramref name="explainTop"/> history items that added most to it.</summary>
    public ExplainedScore[] Score(IReadOnlyList<WeightedItem> history, IReadOnlyList<string> candidateIds, int explainTop = 3)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(explainTop);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        int n = Items.Count;
        var result = new ExplainedScore[candidateIds.Count];
        var contributions = new Contributions(1, explainTop);
        for (int c = 0; c < candidateIds.Count; c++)
        {
            int j = Items.IndexOf(candidateIds[c]);
            if (j < 0) { result[c] = new ExplainedScore(false, 0, []); continue; }
            double total = 0;
            contributions.Reset(0);
            for (int e = 0; e < h.Count; e++)
            {
                float part = h.Weights[e] * _weights[(long)h.Items[e] * n + j];
                total += part;
                if (part > 0) contributions.Add(0, h.Items[e], part);
            }
            var parts = new ScoredItem[contributions.Count(0)];
            for (int r = 0; r < parts.Length; r++) parts[r] = new ScoredItem(Items[contributions.Item(0, r)], contributions.Value(0, r));
            result[c] = new ExplainedScore(true, total, parts);
        }
        return result;
    }

    internal void WritePayload(BinaryWriter w)
    {
        ModelCodec.WriteIds(w, Items);
        ModelCodec.WriteMatrixOptions(w, MatrixOptions);
        w.Write(Options.Lambda);
        w.Write(Options.MaxItems ?? 0);
        ModelCodec.WriteFloats(w, _weights);
    }

    internal static EaseModel ReadPayload(BinaryReader r)
    {
        IdMap items = ModelCodec.ReadIds(r);
        InteractionMatrixOptions matrixOptions = ModelCodec.ReadMatrixOptions(r);
        double lambda = r.ReadDouble();
        int maxItems = r.ReadInt32();
        var options = new EaseOptions { Lambda = lambda, MaxItems = maxItems > 0 ? maxItems : null };
        if (options.Validate() is { Count: > 0 } errors) throw new InvalidDataException("stored EASE options are invalid: " + string.Join("; ", errors));
        float[] weights = ModelCodec.ReadFloats(r);
        if (weights.Length != (long)items.Count * items.Count)
            throw new InvalidDataException($"the weight matrix holds {weights.Length} values, not {items.Count} squared");
        return new EaseModel(items, matrixOptions, options, weights);
    }
}
