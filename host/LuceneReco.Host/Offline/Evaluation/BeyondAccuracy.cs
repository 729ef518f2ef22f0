namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// Diversity and fairness of one recommender's lists for the judged users, beside the accuracy of <see cref="RankingMetrics"/>:
/// intra-list diversity (text and category), alpha-nDCG, Gini of item and provider exposure, the exposure ratio between item
/// groups, calibration KL, and the NDCG gap between user groups. Every metric looks at the top <see cref="BeyondAccuracyOptions.Depth"/>.
/// </summary>
public static class BeyondAccuracy
{
    /// <summary>The group of items without the group field's attribute.</summary>
    public const string NoGroup = "(none)";

    /// <summary>Scores <paramref name="lists"/>.</summary>
    /// <param name="lists">Each judged user's list, best first.</param>
    /// <param name="users">The judged users, aligned with <paramref name="lists"/>.</param>
    /// <param name="relevant">Each user's held-out items, aligned.</param>
    /// <param name="history">Each user's training items, aligned.</param>
    /// <param name="usersOfItem">Training users per item: the catalogue whose exposure is spread (with any item recommended), and the popular head.</param>
    /// <param name="items">The items' attributes and text.</param>
    /// <param name="options">Which attributes to read.</param>
    public static BeyondAccuracyScores Of(IReadOnlyList<IReadOnlyList<string>> lists, IReadOnlyList<string> users, IReadOnlyList<IReadOnlySet<string>> relevant,
        IReadOnlyList<IReadOnlyCollection<string>> history, IReadOnlyDictionary<string, int> usersOfItem, ItemFeatures items, BeyondAccuracyOptions options)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(usersOfItem);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        if (users.Count != lists.Count || relevant.Count != lists.Count || history.Count != lists.Count)
            throw new ArgumentOutOfRangeException(nameof(users), "users, relevant and history must be aligned with lists");
        int depth = options.Depth;
        string category = options.CategoryField;
        IReadOnlyCollection<string> Categories(string item) => items.Values(item, category);

        var text = new Mean();
        var cats = new Mean();
        var alpha = new Mean();
        var kl = new Mean();
        var ndcg = new double[lists.Count];
        for (int u = 0; u < lists.Count; u++)
        {
            IReadOnlyList<string> list = lists[u];
            text.Add(ListDiversity.IntraList(list, depth, items.Cosine));
            cats.Add(ListDiversity.IntraList(list, depth, (a, b) => ListDiversity.Jaccard(items.Values(a, category), items.Values(b, category))));
            alpha.Add(Evaluation.AlphaNdcg.Compute(list, relevant[u], Categories, depth, options.Alpha));
            var top = new List<string>(Math.Min(depth, list.Count));
            for (int r = 0; r < Math.Min(depth, list.Count); r++) top.Add(list[r]);
            kl.Add(CalibrationMetrics.KlDivergence(CalibrationMetrics.Distribution(history[u], Categories), CalibrationMetrics.Distribution(top, Categories), options.CalibrationAlpha));
            ndcg[u] = RankingMetrics.Ndcg(list, relevant[u], depth);
        }

        var catalogue = new SortedSet<string>(usersOfItem.Keys, StringComparer.Ordinal);
        foreach (IReadOnlyList<string> list in lists)
            for (int r = 0; r < Math.Min(depth, list.Count); r++) catalogue.Add(list[r]);
        Dictionary<string, double> exposure = ExposureMetrics.ItemExposure(lists, depth);
        double itemGini = ExposureMetrics.GroupGini(exposure, catalogue, item => item);
        string ProviderOf(string item) => items.First(item, options.ProviderField, NoGroup);
        var providers = new HashSet<string>(StringComparer.Ordinal);
        foreach (string item in catalogue) providers.Add(ProviderOf(item));
        double providerGini = providers.Count < 2 ? double.NaN : ExposureMetrics.GroupGini(exposure, catalogue, ProviderOf);
        Func<string, string> groupOf = options.GroupField == BeyondAccuracyOptions.Popularity
            ? HeadAndTail(usersOfItem, options.HeadShare)
            : item => items.First(item, options.GroupField, NoGroup);
        var (ratio, groups) = ExposureMetrics.GroupRatio(exposure, catalogue, groupOf);

        var userGroups = new string?[lists.Count];
        if (options.UserGroups is { } given)
            for (int u = 0; u < users.Count; u++) userGroups[u] = given.GetValueOrDefault(users[u]);
        else
        {
            var lengths = new int[history.Count];
            for (int u = 0; u < lengths.Length; u++) lengths[u] = history[u].Count;
            userGroups = UserGroups.ByActivity(lengths);
        }
        var (gap, means) = UserGroups.Gap(ndcg, userGroups);
        return new BeyondAccuracyScores(text.Value, cats.Value, alpha.Value, itemGini, providerGini, ratio, groups, kl.Value, gap, means);
    }

    /// <summary>
    /// "head" for the <paramref name="headShare"/> of items most training users touched (at least one item; ties by id), "tail"
    /// for every other item, an untrained one included.
    /// </summary>
    public static Func<string, string> HeadAndTail(IReadOnlyDictionary<string, int> usersOfItem, double headShare)
    {
        ArgumentNullException.ThrowIfNull(usersOfItem);
        var ranked = new List<KeyValuePair<string, int>>(usersOfItem);
        ranked.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        int headCount = Math.Max(1, (int)Math.Round(ranked.Count * headShare, MidpointRounding.AwayFromZero));
        var head = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Math.Min(headCount, ranked.Count); i++) head.Add(ranked[i].Key);
        return item => head.Contains(item) ? "head" : "tail";
    }

    /// <summary>A mean that skips NaN.</summary>
    private sealed class Mean
    {
        private double _sum;
        private int _count;

        public void Add(double x)
        {
            if (double.IsNaN(x)) return;
            _sum += x;
            _count++;
        }

        public double Value => _count == 0 ? double.NaN : _sum / _count;
    }
}
