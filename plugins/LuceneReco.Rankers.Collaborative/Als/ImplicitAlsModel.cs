using System.Diagnostics;
using System.Numerics.Tensors;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Als;

/// <summary>
/// Implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008, "Collaborative Filtering for Implicit Feedback
/// Datasets") trained by alternating least squares, each row solved by a few conjugate-gradient steps (Takács, Pilászy
/// &amp; Tikk 2011, "Applications of the conjugate gradient method for implicit feedback collaborative filtering").
/// A user's score for item i is <c>dot(x_u, y_i)</c>. Users unseen at training are folded in with one exact solve
/// against the trained item factors. Immutable and thread-safe.
/// </summary>
public sealed class ImplicitAlsModel
{
    /// <summary>The kind written in model files and used in their names (<c>als-v{N}.bin</c>).</summary>
    public const string Kind = "als";

    private readonly float[] _userFactors;
    private readonly float[] _itemFactors;
    private readonly Lazy<float[]> _gram;
    private readonly Lazy<float[]> _itemNorms;

    internal ImplicitAlsModel(IdMap users, IdMap items, InteractionMatrixOptions matrixOptions, ImplicitAlsOptions options, float[] userFactors, float[] itemFactors)
    {
        Users = users;
        Items = items;
        MatrixOptions = matrixOptions;
        Options = options;
        Factors = options.Factors;
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _gram = new Lazy<float[]>(() => AlsMath.Gram(_itemFactors, Items.Count, Factors, Options.Regularization, new ParallelOptions()));
        _itemNorms = new Lazy<float[]>(() =>
        {
            var norms = new float[Items.Count];
            for (int i = 0; i < norms.Length; i++) norms[i] = TensorPrimitives.Norm(ItemVector(i));
            return norms;
        });
    }

    /// <summary>The users seen at training.</summary>
    public IdMap Users { get; }

    /// <summary>The items the model knows.</summary>
    public IdMap Items { get; }

    /// <summary>Latent factors per vector (f).</summary>
    public int Factors { get; }

    /// <summary>How training events became strengths; apply the same to request-time histories (<see cref="Preferences.FromEvents"/>).</summary>
    public InteractionMatrixOptions MatrixOptions { get; }

    /// <summary>The training parameters.</summary>
    public ImplicitAlsOptions Options { get; }

    internal ReadOnlySpan<float> ItemVector(int item) => _itemFactors.AsSpan(item * Factors, Factors);

    internal ReadOnlySpan<float> UserVector(int user) => _userFactors.AsSpan(user * Factors, Factors);

    /// <summary>Trains on <paramref name="matrix"/>; <paramref name="onIteration"/> is told each finished iteration (1-based) and how long it took.</summary>
    public static ImplicitAlsModel Train(InteractionMatrix matrix, ImplicitAlsOptions? options = null, CancellationToken cancellation = default,
        Action<int, TimeSpan>? onIteration = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new ImplicitAlsOptions();
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));

        int f = options.Factors, users = matrix.Users.Count, items = matrix.Items.Count;
        var x = new float[(long)users * f];
        var y = new float[(long)items * f];
        var random = new Random(options.Seed);
        for (int k = 0; k < x.Length; k++) x[k] = (float)((random.NextDouble() - 0.5) / f);
        for (int k = 0; k < y.Length; k++) y[k] = (float)((random.NextDouble() - 0.5) / f);

        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        for (int iteration = 1; iteration <= options.Iterations; iteration++)
        {
            long started = Stopwatch.GetTimestamp();
            HalfStep(x, users, y, items, f, options, parallel, matrix.UserItems, matrix.UserValues);
            HalfStep(y, items, x, users, f, options, parallel, matrix.ItemUsers, matrix.ItemValues);
            onIteration?.Invoke(iteration, Stopwatch.GetElapsedTime(started));
        }
        return new ImplicitAlsModel(matrix.Users, matrix.Items, matrix.Options, options, x, y);
    }

    private delegate ReadOnlySpan<int> RowIndices(int row);

    private delegate ReadOnlySpan<float> RowValues(int row);

    /// <summary>Solves every row of <paramref name="solve"/> against the fixed <paramref name="other"/> factors; YtY is computed once per half-step.</summary>
    private static void HalfStep(float[] solve, int rows, float[] other, int otherRows, int f, ImplicitAlsOptions options, ParallelOptions parallel,
        RowIndices indices, RowValues values)
    {
        float[] gram = AlsMath.Gram(other, otherRows, f, options.Regularization, parallel);
        float alpha = (float)options.Alpha;
        bool exact = options.Solver == AlsSolver.Cholesky;
        Parallel.For(0, rows, parallel,
            () => new RowScratch(f, exact),
            (row, _, scratch) =>
            {
                Span<float> target = solve.AsSpan(row * f, f);
                ReadOnlySpan<int> columns = indices(row);
                if (columns.IsEmpty)
                {
                    target.Clear(); // no observations: the minimiser of lambda |x|^2 + sum over zeros is 0
                    return scratch;
                }
                if (exact)
                    AlsMath.ExactRow(gram, other, f, columns, values(row), alpha, target, scratch.A, scratch.B);
                else
                    AlsMath.ConjugateGradientRow(gram, other, f, columns, values(row), alpha, options.CgSteps, target, scratch.Cg);
                return scratch;
            },
            _ => { });
    }

    /// <summary>The trained factors of <paramref name="userId"/> (a copy), or null when the user was not seen at training.</summary>
    public float[]? UserFactors(string userId)
    {
        int u = Users.IndexOf(userId);
        return u < 0 ? null : UserVector(u).ToArray();
    }

    /// <summary>The factors of <paramref name="itemId"/> (a copy), or null when unknown.</summary>
    public float[]? ItemFactors(string itemId)
    {
        int i = Items.IndexOf(itemId);
        return i < 0 ? null : ItemVector(i).ToArray();
    }

    /// <summary>
    /// The factors of a user from their history alone, with the trained item factors fixed: the exact solution of
    /// <c>(YtY + Yu^T (Cu - I) Yu + lambda I) x = Yu^T Cu p_u</c>, i.e. one exact ALS user step. Zeros when no history item is known.
    /// </summary>
    public float[] FoldIn(IReadOnlyList<WeightedItem> history) => FoldIn(ResolvedHistory.Resolve(history, Items), out _);

    internal float[] FoldIn(ResolvedHistory history, out double[]? factor)
    {
        var x = new float[Factors];
        factor = null;
        if (history.Count == 0) return x;
        var a = new double[Factors * Factors];
        var b = new double[Factors];
        if (!AlsMath.ExactRow(_gram.Value, _itemFactors, Factors, history.Items.AsSpan(0, history.Count), history.Weights.AsSpan(0, history.Count),
                (float)Options.Alpha, x, a, b))
            throw new InvalidOperationException("The fold-in system is not positive definite; the model's item factors are not finite.");
        factor = a;
        return x;
    }

    /// <summary>The score <c>dot(user, y_i)</c> of an item for a user vector, or null when the item is unknown.</summary>
    public double? Score(ReadOnlySpan<float> user, string itemId)
    {
        int i = Items.IndexOf(itemId);
        return i < 0 ? null : TensorPrimitives.Dot(user, ItemVector(i));
    }

    /// <summary>The k best items for a user vector, best first, leaving out <paramref name="exclude"/>.</summary>
    public List<ScoredItem> Recommend(ReadOnlySpan<float> user, int k, IReadOnlySet<string>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (user.Length != Factors) throw new ArgumentOutOfRangeException(nameof(user), user.Length, $"The user vector must have {Factors} factors");
        HashSet<int>? excluded = null;
        if (exclude is { Count: > 0 })
        {
            excluded = new HashSet<int>();
            foreach (string id in exclude)
                if (Items.IndexOf(id) is int i and >= 0) excluded.Add(i);
        }
        return Top(user, k, excluded);
    }

    /// <summary>The k best items for a history (folded in, or the trained factors of <paramref name="userId"/> when given and known), leaving out the history when <paramref name="excludeSeen"/>.</summary>
    public List<ScoredItem> Recommend(IReadOnlyList<WeightedItem> history, int k, bool excludeSeen = true, string? userId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        float[] user = userId is not null && UserFactors(userId) is float[] trained ? trained : FoldIn(h, out _);
        return Top(user, k, excludeSeen ? h.ToSet() : null);
    }

    /// <summary>The k items nearest to <paramref name="itemId"/> by cosine in factor space (empty when unknown).</summary>
    public List<ScoredItem> SimilarItems(string itemId, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int source = Items.IndexOf(itemId);
        if (source < 0) return [];
        float[] norms = _itemNorms.Value;
        ReadOnlySpan<float> v = ItemVector(source);
        var top = new TopK(k);
        for (int i = 0; i < Items.Count; i++)
        {
            if (i == source) continue;
            float denominator = norms[source] * norms[i];
            if (denominator > 0) top.Offer(i, TensorPrimitives.Dot(v, ItemVector(i)) / denominator);
        }
        return Drain(top);
    }

    /// <summary>
    /// Scores candidates for a history folded in, each explained exactly as Hu, Koren &amp; Volinsky (2008, section 5):
    /// <c>score(i) = sum_j c_uj * y_i^T W^u y_j</c> with <c>W^u = (YtY + Yu^T (Cu - I) Yu + lambda I)^-1</c>; contributions are those terms.
    /// </summary>
    public ExplainedScore[] ScoreFoldedIn(IReadOnlyList<WeightedItem> history, IReadOnlyList<string> candidateIds, int explainTop = 3)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(explainTop);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        float[] user = FoldIn(h, out double[]? factor);
        var result = new ExplainedScore[candidateIds.Count];
        var z = new double[Factors];
        var top = new Contributions(result.Length, explainTop);
        for (int c = 0; c < result.Length; c++)
        {
            int i = Items.IndexOf(candidateIds[c]);
            if (i < 0) { result[c] = new ExplainedScore(false, 0, []); continue; }
            ReadOnlySpan<float> y = ItemVector(i);
            double score = TensorPrimitives.Dot(user, y);
            if (factor is null || explainTop == 0) { result[c] = new ExplainedScore(true, score, []); continue; }
            for (int k = 0; k < Factors; k++) z[k] = y[k];
            Cholesky.Solve(factor, Factors, z); // z = W^u y_i
            for (int e = 0; e < h.Count; e++)
            {
                ReadOnlySpan<float> yj = ItemVector(h.Items[e]);
                double s = 0;
                for (int k = 0; k < Factors; k++) s += z[k] * yj[k];
                top.Add(c, h.Items[e], (float)((1 + Options.Alpha * h.Weights[e]) * s));
            }
            result[c] = new ExplainedScore(true, score, ToItems(top, c));
        }
        return result;
    }

    /// <summary>
    /// Scores candidates with the trained factors of <paramref name="userId"/> (null when the user was not seen at training);
    /// contributions name the history items nearest each candidate in factor space, by cosine.
    /// </summary>
    public ExplainedScore[]? ScoreTrainedUser(string userId, IReadOnlyList<WeightedItem> history, IReadOnlyList<string> candidateIds, int explainTop = 3)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(explainTop);
        int u = Users.IndexOf(userId);
        if (u < 0) return null;
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        float[] norms = _itemNorms.Value;
        ReadOnlySpan<float> user = UserVector(u);
        var result = new ExplainedScore[candidateIds.Count];
        var top = new Contributions(result.Length, explainTop);
        for (int c = 0; c < result.Length; c++)
        {
            int i = Items.IndexOf(candidateIds[c]);
            if (i < 0) { result[c] = new ExplainedScore(false, 0, []); continue; }
            ReadOnlySpan<float> y = ItemVector(i);
            for (int e = 0; e < h.Count && explainTop > 0; e++)
            {
                float denominator = norms[i] * norms[h.Items[e]];
                if (denominator > 0) top.Add(c, h.Items[e], TensorPrimitives.Dot(y, ItemVector(h.Items[e])) / denominator);
            }
            result[c] = new ExplainedScore(true, TensorPrimitives.Dot(user, y), ToItems(top, c));
        }
        return result;
    }

    private ScoredItem[] ToItems(Contributions top, int slot)
    {
        var items = new ScoredItem[top.Count(slot)];
        for (int r = 0; r < items.Length; r++) items[r] = new ScoredItem(Items[top.Item(slot, r)], top.Value(slot, r));
        return items;
    }

    private List<ScoredItem> Top(ReadOnlySpan<float> user, int k, HashSet<int>? exclude)
    {
        var top = new TopK(k);
        for (int i = 0; i < Items.Count; i++)
            if (exclude is null || !exclude.Contains(i)) top.Offer(i, TensorPrimitives.Dot(user, ItemVector(i)));
        return Drain(top);
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
        ModelCodec.WriteIds(w, Users);
        ModelCodec.WriteIds(w, Items);
        ModelCodec.WriteMatrixOptions(w, MatrixOptions);
        w.Write(Options.Factors);
        w.Write(Options.Regularization);
        w.Write(Options.Alpha);
        w.Write(Options.Iterations);
        w.Write(Options.CgSteps);
        w.Write((int)Options.Solver);
        w.Write(Options.Seed);
        ModelCodec.WriteFloats(w, _userFactors);
        ModelCodec.WriteFloats(w, _itemFactors);
    }

    internal static ImplicitAlsModel ReadPayload(BinaryReader r)
    {
        IdMap users = ModelCodec.ReadIds(r);
        IdMap items = ModelCodec.ReadIds(r);
        InteractionMatrixOptions matrixOptions = ModelCodec.ReadMatrixOptions(r);
        var options = new ImplicitAlsOptions
        {
            Factors = r.ReadInt32(), Regularization = r.ReadDouble(), Alpha = r.ReadDouble(), Iterations = r.ReadInt32(),
            CgSteps = r.ReadInt32(), Solver = (AlsSolver)r.ReadInt32(), Seed = r.ReadInt32(),
        };
        if (options.Validate() is { Count: > 0 } errors) throw new InvalidDataException("stored parameters are invalid: " + string.Join("; ", errors));
        float[] x = ModelCodec.ReadFloats(r);
        float[] y = ModelCodec.ReadFloats(r);
        if (x.Length != (long)users.Count * options.Factors || y.Length != (long)items.Count * options.Factors)
            throw new InvalidDataException($"factor tables do not match {users.Count} users, {items.Count} items and {options.Factors} factors");
        return new ImplicitAlsModel(users, items, matrixOptions, options, x, y);
    }

    private sealed class RowScratch(int f, bool exact)
    {
        public float[] Cg { get; } = exact ? [] : new float[3 * f];

        public double[] A { get; } = exact ? new double[f * f] : [];

        public double[] B { get; } = exact ? new double[f] : [];
    }
}
