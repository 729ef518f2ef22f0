using System.Buffers;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.UserKnn;

/// <summary>
/// User-based collaborative filtering, the classic neighbourhood method (Resnick et al. 1994; Herlocker, Konstan, Borchers
/// &amp; Riedl 1999): the user's history is compared with every training user who shares an item (cosine or Pearson, see
/// <see cref="UserSimilarity"/>), the <see cref="UserKnnOptions.Neighbours"/> most similar with a positive similarity are kept,
/// and item j scores <c>sum over neighbours v of sim(u, v) * r_vj</c> (cosine) or <c>sim(u, v) * (r_vj - m_v)</c> (Pearson).
/// The model is the training matrix itself, so it is for small and medium catalogues: every request walks the users of the
/// history's items. Immutable and thread-safe.
/// </summary>
public sealed class UserKnnModel
{
    /// <summary>The kind written in model files and used in their names (<c>userknn-v{N}.bin</c>).</summary>
    public const string Kind = "userknn";

    private readonly int[] _userPtr, _userItems, _itemPtr, _itemUsers;
    private readonly float[] _userValues, _itemValues;
    private readonly double[] _mean, _norm;

    internal UserKnnModel(IdMap users, IdMap items, InteractionMatrixOptions matrixOptions, UserKnnOptions options, int[] userPtr, int[] userItems, float[] userValues)
    {
        Users = users;
        Items = items;
        MatrixOptions = matrixOptions;
        Options = options;
        _userPtr = userPtr;
        _userItems = userItems;
        _userValues = userValues;
        _mean = new double[users.Count];
        _norm = new double[users.Count];
        for (int v = 0; v < users.Count; v++)
        {
            double sum = 0, squares = 0;
            for (int p = userPtr[v]; p < userPtr[v + 1]; p++) { sum += userValues[p]; squares += (double)userValues[p] * userValues[p]; }
            int n = userPtr[v + 1] - userPtr[v];
            _mean[v] = n > 0 ? sum / n : 0;
            _norm[v] = Math.Sqrt(squares);
        }
        _itemPtr = new int[items.Count + 1];
        foreach (int i in userItems) _itemPtr[i + 1]++;
        for (int i = 0; i < items.Count; i++) _itemPtr[i + 1] += _itemPtr[i];
        _itemUsers = new int[userItems.Length];
        _itemValues = new float[userItems.Length];
        int[] fill = (int[])_itemPtr.Clone();
        for (int v = 0; v < users.Count; v++)
            for (int p = userPtr[v]; p < userPtr[v + 1]; p++)
            {
                int at = fill[userItems[p]]++;
                _itemUsers[at] = v;
                _itemValues[at] = userValues[p];
            }
    }

    /// <summary>The training users.</summary>
    public IdMap Users { get; }

    /// <summary>The items the model knows.</summary>
    public IdMap Items { get; }

    /// <summary>How training events became strengths; apply the same to request-time histories.</summary>
    public InteractionMatrixOptions MatrixOptions { get; }

    /// <summary>The parameters.</summary>
    public UserKnnOptions Options { get; }

    /// <summary>Keeps the matrix's user rows; similarities are computed per request.</summary>
    public static UserKnnModel Train(InteractionMatrix matrix, UserKnnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new UserKnnOptions();
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var ptr = new int[matrix.Users.Count + 1];
        var items = new int[matrix.NonZeros];
        var values = new float[matrix.NonZeros];
        for (int u = 0; u < matrix.Users.Count; u++)
        {
            ReadOnlySpan<int> row = matrix.UserItems(u);
            row.CopyTo(items.AsSpan(ptr[u]));
            matrix.UserValues(u).CopyTo(values.AsSpan(ptr[u]));
            ptr[u + 1] = ptr[u] + row.Length;
        }
        return new UserKnnModel(matrix.Users, matrix.Items, matrix.Options, options, ptr, items, values);
    }

    /// <summary>The neighbours of a history: (training user, similarity), most similar first; <paramref name="selfId"/> (the asking user) is never their own neighbour.</summary>
    public List<(string UserId, double Similarity)> Neighbours(IReadOnlyList<WeightedItem> history, string? selfId = null)
    {
        (int[] users, float[] sims) = FindNeighbours(ResolvedHistory.Resolve(history, Items), selfId);
        var result = new List<(string, double)>(users.Length);
        for (int t = 0; t < users.Length; t++) result.Add((Users[users[t]], sims[t]));
        return result;
    }

    /// <summary>The k best items for a history, best first; <paramref name="excludeSeen"/> leaves out the history's items.</summary>
    public List<ScoredItem> Recommend(IReadOnlyList<WeightedItem> history, int k, bool excludeSeen = true, string? selfId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        (int[] neighbours, float[] sims) = FindNeighbours(h, selfId);
        double[] score = ArrayPool<double>.Shared.Rent(Items.Count);
        int[] touched = ArrayPool<int>.Shared.Rent(Items.Count);
        try
        {
            Array.Clear(score, 0, Items.Count);
            int touchedCount = 0;
            for (int t = 0; t < neighbours.Length; t++)
            {
                int v = neighbours[t];
                for (int p = _userPtr[v]; p < _userPtr[v + 1]; p++)
                {
                    int j = _userItems[p];
                    double part = sims[t] * Deviation(v, _userValues[p]);
                    if (part == 0) continue;
                    if (score[j] == 0) touched[touchedCount++] = j;
                    score[j] += part;
                    if (score[j] == 0) score[j] = double.Epsilon; // stays marked as touched
                }
            }
            HashSet<int>? seen = excludeSeen ? h.ToSet() : null;
            var top = new TopK(Math.Min(k, Items.Count));
            for (int t = 0; t < touchedCount; t++)
            {
                int j = touched[t];
                if (seen is null || !seen.Contains(j)) top.Offer(j, (float)score[j]);
                score[j] = 0;
            }
            var idx = new int[top.Count];
            var val = new float[top.Count];
            int n = top.DrainDescending(idx, val);
            var result = new List<ScoredItem>(n);
            for (int t = 0; t < n; t++) result.Add(new ScoredItem(Items[idx[t]], val[t]));
            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(score);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>
    /// Scores each candidate for a history and names the <paramref name="explainTop"/> history items the neighbours who chose
    /// the candidate share most with the user (summed similarity).
    /// </summary>
    public ExplainedScore[] Score(IReadOnlyList<WeightedItem> history, IReadOnlyList<string> candidateIds, int explainTop = 3, string? selfId = null)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        ArgumentOutOfRangeException.ThrowIfNegative(explainTop);
        ResolvedHistory h = ResolvedHistory.Resolve(history, Items);
        (int[] neighbours, float[] sims) = FindNeighbours(h, selfId);
        var shared = new List<int>[neighbours.Length];
        if (explainTop > 0)
        {
            HashSet<int> mine = h.ToSet();
            for (int t = 0; t < neighbours.Length; t++)
            {
                shared[t] = [];
                for (int p = _userPtr[neighbours[t]]; p < _userPtr[neighbours[t] + 1]; p++)
                    if (mine.Contains(_userItems[p])) shared[t].Add(_userItems[p]);
            }
        }
        var result = new ExplainedScore[candidateIds.Count];
        var weightOf = new Dictionary<int, double>();
        for (int c = 0; c < candidateIds.Count; c++)
        {
            int j = Items.IndexOf(candidateIds[c]);
            if (j < 0) { result[c] = new ExplainedScore(false, 0, []); continue; }
            double total = 0;
            weightOf.Clear();
            for (int t = 0; t < neighbours.Length; t++)
            {
                int v = neighbours[t];
                int at = _userItems.AsSpan(_userPtr[v], _userPtr[v + 1] - _userPtr[v]).BinarySearch(j);
                if (at < 0) continue;
                total += sims[t] * Deviation(v, _userValues[_userPtr[v] + at]);
                if (explainTop == 0) continue;
                foreach (int i in shared[t]) weightOf[i] = weightOf.GetValueOrDefault(i) + sims[t];
            }
            var contributions = new Contributions(1, explainTop);
            foreach ((int i, double w) in weightOf) contributions.Add(0, i, (float)w);
            var parts = new ScoredItem[contributions.Count(0)];
            for (int r = 0; r < parts.Length; r++) parts[r] = new ScoredItem(Items[contributions.Item(0, r)], contributions.Value(0, r));
            result[c] = new ExplainedScore(true, total, parts);
        }
        return result;
    }

    private double Deviation(int v, float r) => Options.Similarity == UserSimilarity.Pearson ? r - _mean[v] : r;

    private (int[] Users, float[] Similarities) FindNeighbours(ResolvedHistory h, string? selfId)
    {
        int self = selfId is null ? -1 : Users.IndexOf(selfId);
        int users = Users.Count;
        if (h.Count == 0) return ([], []);
        double mean = 0, squares = 0;
        for (int e = 0; e < h.Count; e++) { mean += h.Weights[e]; squares += (double)h.Weights[e] * h.Weights[e]; }
        mean /= h.Count;
        double norm = Math.Sqrt(squares);
        bool pearson = Options.Similarity == UserSimilarity.Pearson;
        double[] num = ArrayPool<double>.Shared.Rent(users);
        double[] du = ArrayPool<double>.Shared.Rent(users);
        double[] dv = ArrayPool<double>.Shared.Rent(users);
        int[] touched = ArrayPool<int>.Shared.Rent(users);
        bool[] marked = ArrayPool<bool>.Shared.Rent(users);
        try
        {
            Array.Clear(marked, 0, users);
            int touchedCount = 0;
            for (int e = 0; e < h.Count; e++)
            {
                int i = h.Items[e];
                double a = pearson ? h.Weights[e] - mean : h.Weights[e];
                for (int p = _itemPtr[i]; p < _itemPtr[i + 1]; p++)
                {
                    int v = _itemUsers[p];
                    if (v == self) continue;
                    if (!marked[v]) { marked[v] = true; touched[touchedCount++] = v; num[v] = du[v] = dv[v] = 0; }
                    double b = pearson ? _itemValues[p] - _mean[v] : _itemValues[p];
                    num[v] += a * b;
                    du[v] += a * a;
                    dv[v] += b * b;
                }
            }
            var top = new TopK(Options.Neighbours);
            for (int t = 0; t < touchedCount; t++)
            {
                int v = touched[t];
                double denominator = pearson ? Math.Sqrt(du[v] * dv[v]) : norm * _norm[v];
                double sim = num[v] / (denominator + Options.Shrink);
                if (sim > 0 && double.IsFinite(sim)) top.Offer(v, (float)sim);
            }
            var idx = new int[top.Count];
            var val = new float[top.Count];
            top.DrainDescending(idx, val);
            return (idx, val);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(num);
            ArrayPool<double>.Shared.Return(du);
            ArrayPool<double>.Shared.Return(dv);
            ArrayPool<int>.Shared.Return(touched);
            ArrayPool<bool>.Shared.Return(marked);
        }
    }

    internal void WritePayload(BinaryWriter w)
    {
        ModelCodec.WriteIds(w, Users);
        ModelCodec.WriteIds(w, Items);
        ModelCodec.WriteMatrixOptions(w, MatrixOptions);
        w.Write(Options.Neighbours);
        w.Write((byte)Options.Similarity);
        w.Write(Options.Shrink);
        ModelCodec.WriteInts(w, _userPtr);
        ModelCodec.WriteInts(w, _userItems);
        ModelCodec.WriteFloats(w, _userValues);
    }

    internal static UserKnnModel ReadPayload(BinaryReader r)
    {
        IdMap users = ModelCodec.ReadIds(r);
        IdMap items = ModelCodec.ReadIds(r);
        InteractionMatrixOptions matrixOptions = ModelCodec.ReadMatrixOptions(r);
        var options = new UserKnnOptions { Neighbours = r.ReadInt32(), Similarity = (UserSimilarity)r.ReadByte(), Shrink = r.ReadDouble() };
        if (options.Validate() is { Count: > 0 } errors) throw new InvalidDataException("stored user-kNN options are invalid: " + string.Join("; ", errors));
        int[] ptr = ModelCodec.ReadInts(r);
        int[] itemsOf = ModelCodec.ReadInts(r);
        float[] values = ModelCodec.ReadFloats(r);
        if (ptr.Length != users.Count + 1 || ptr[0] != 0 || ptr[^1] != itemsOf.Length || values.Length != itemsOf.Length)
            throw new InvalidDataException("user rows do not agree with the user count");
        for (int u = 0; u < users.Count; u++)
            if (ptr[u + 1] < ptr[u]) throw new InvalidDataException($"row offsets decrease at user {u}");
        foreach (int i in itemsOf)
            if ((uint)i >= (uint)items.Count) throw new InvalidDataException($"item {i} is not an item number");
        return new UserKnnModel(users, items, matrixOptions, options, ptr, itemsOf, values);
    }
}
