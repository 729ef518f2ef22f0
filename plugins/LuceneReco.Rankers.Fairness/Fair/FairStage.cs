using System.Collections.Concurrent;
using System.Text;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// Applies <see cref="FairReranker"/> to the top k of a request. The shares come from the options or the request
/// (<c>fair.p</c>, or <c>fair.p.VALUE</c> per group), within the options' bounds; tables are cached per (k, p, alpha), and
/// made when the stage is created for a configured k.
/// Features: <c>fair.group</c> on protected candidates (1.., by configured group; absent means unprotected), <c>fair.from</c>/<c>fair.to</c>
/// (1-based) on moved ones, <c>fair.minimum</c> and <c>fair.alpha</c> (the per-prefix alpha used) on those a constraint moved up.
/// </summary>
internal sealed class FairStage : IRequestValidatingStage
{
    /// <summary>The request option of the share (one group), and the prefix of per-group shares ("fair.p.indie").</summary>
    public const string ShareKey = "fair.p";

    private const int MaxCachedTables = 256;

    private readonly string _name;
    private readonly FairOptions _options;
    private readonly IRankerServices _services;
    private readonly GroupAttribute _attribute;
    private readonly string[] _labels;   // per protected group, for explanations
    private readonly string?[] _values;  // per protected group: its value in multi-group mode, else null
    private readonly double[] _shares;   // configured p per protected group
    private readonly ConcurrentDictionary<(int K, double P, double Alpha, bool Adjust), MTable> _tables = new();
    private readonly ConcurrentDictionary<(int K, string Shares), MTable[]> _jointTables = new(); // exact several-group adjustments
    private int _warnedUnionBound;

    public FairStage(string name, FairOptions options, IRankerServices services)
    {
        _name = name;
        _options = options;
        _services = services;
        if (options.Groups is string groups)
        {
            FairOptions.ParseGroups(groups, out List<(string Value, double P)> parsed);
            _values = parsed.ConvertAll(g => (string?)g.Value).ToArray();
            _labels = parsed.ConvertAll(g => $"the '{g.Value}' group").ToArray();
            _shares = parsed.ConvertAll(g => g.P).ToArray();
            _attribute = GroupAttribute.Keyword(options.Field, parsed.ConvertAll(g => (IReadOnlyList<string>)[g.Value]));
        }
        else
        {
            _values = [null];
            _labels = ["the protected group"];
            _shares = [options.P];
            _attribute = options.Threshold is double t
                ? GroupAttribute.Numeric(options.Field, t, options.ProtectedBelow)
                : GroupAttribute.Keyword(options.Field, [Text.List(options.ProtectedValues)]);
        }
        if (options.K is int k) Tables(k, _shares); // the configured tables are ready before the first request
    }

    public IReadOnlyList<string> ValidateRequest(RankingRequest request)
    {
        var problems = new List<string>();
        if (request?.Options is null) return problems;
        Shares(request, problems);
        return problems;
    }

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = candidates.Count;
        if (n == 0) return ValueTask.CompletedTask;
        double[] shares = Shares(request, problems: null);
        // The table is made for the asked k (cached; candidate counts vary, k rarely does); with fewer candidates its
        // first n prefixes apply, which for an adjusted table is the stricter choice (its alpha covers k tests).
        int tableK = Math.Min(_options.K ?? (request.K > 0 ? request.K : n), _options.Adjust ? MTableAdjuster.MaxK : MTable.MaxK);
        int k = Math.Min(n, tableK);

        IItemCatalog items = request.Items ?? _services.Items;
        var groups = new int[n];
        for (int c = 0; c < n; c++)
        {
            groups[c] = _attribute.GroupOf(items, candidates[c].ItemId);
            if (groups[c] > 0) candidates[c].Features["fair.group"] = groups[c]; // absent means 0: no write per unprotected candidate
        }
        cancellation.ThrowIfCancellationRequested();
        if (k == 0) return ValueTask.CompletedTask;
        MTable[] tables = Tables(tableK, shares);
        cancellation.ThrowIfCancellationRequested();

        var forced = new int[n];
        int[] order = FairReranker.Rerank(groups, k, tables, forced);
        var before = candidates.ToArray();
        for (int i = 0; i < n; i++) candidates[i] = before[order[i]];
        Explain(items, before, order, forced, groups, tables);
        return ValueTask.CompletedTask;
    }

    private void Explain(IItemCatalog items, Candidate[] before, int[] order, int[] forced, int[] groups, MTable[] tables)
    {
        int n = order.Length;
        var pushers = new List<int>(); // new positions (0-based) a constraint filled
        var titles = new string?[n];   // by incoming index, read once per request
        for (int i = 0; i < n; i++)
        {
            int from = order[i];
            Candidate c = before[from];
            if (from != i)
            {
                c.Features["fair.from"] = from + 1;
                c.Features["fair.to"] = i + 1;
            }
            if (forced[i] is not (int g and > 0)) continue;
            // Placed by a constraint over a better candidate. Usually that moves it up; with several groups another
            // group's constraint may have pushed it down first, and then its line is the moved-down one below.
            pushers.Add(i);
            int minimum = tables[g - 1].MinimumAt(i + 1);
            c.Features["fair.minimum"] = minimum;
            c.Features["fair.alpha"] = tables[g - 1].Alpha;
            if (from > i)
                c.Explain(_name, Text.F($"moved up from {from + 1} to {i + 1} so the top {i + 1} holds the minimum of {Text.Items(minimum)} from {_labels[g - 1]}"));
        }
        var placed = new int[n + 1]; // Fenwick tree over incoming indices of the items placed so far
        for (int i = 0; i < n; i++)
        {
            int from = order[i];
            // The items above it that came from below it: i minus those above it that came from above it.
            int jumped = i - PlacedBelow(placed, from);
            for (int x = from + 1; x <= n; x += x & -x) placed[x]++;
            if (from >= i || jumped == 0) continue; // moved up or stayed
            // Every one that jumped it was placed by a constraint (an unconstrained pick is the best left, and the tail
            // keeps incoming order); name the first two.
            var names = new List<int>(2);
            foreach (int p in pushers)
            {
                if (p >= i || names.Count == 2) break;
                if (order[p] > from) names.Add(p);
            }
            int more = jumped - names.Count;
            if (names.Count == 0) continue; // cannot happen (see above); stay silent rather than say something untrue
            var text = new StringBuilder(Text.F($"moved down from {from + 1} to {i + 1} to make room for "));
            for (int k = 0; k < names.Count; k++)
            {
                if (k > 0) text.Append(more == 0 && k == names.Count - 1 ? " and " : ", ");
                int up = order[names[k]];
                text.Append(titles[up] ??= Text.Title(items, before[up].ItemId, _options.TitleField)).Append(" from ").Append(_labels[groups[order[names[k]]] - 1]);
            }
            if (more > 0) text.Append(Text.F($" and {more} more"));
            before[from].Explain(_name, text.ToString());
        }
    }

    /// <summary>How many placed items have an incoming index below <paramref name="index"/>.</summary>
    private static int PlacedBelow(int[] tree, int index)
    {
        int count = 0;
        for (int x = index; x > 0; x -= x & -x) count += tree[x];
        return count;
    }

    /// <summary>
    /// Each group's table for these shares: one group, or several with <see cref="FairOptions.GroupAdjustment"/> UnionBound (or
    /// too many count vectors for the exact programme), each on its own (<see cref="Table"/>); else jointly and exactly by
    /// <see cref="MultinomialAdjuster"/>, cached per k and shares.
    /// </summary>
    private MTable[] Tables(int k, double[] shares)
    {
        bool exact = _options.Adjust && shares.Length > 1 && _options.GroupAdjustment == GroupAdjustment.Exact;
        if (exact && !MultinomialAdjuster.Fits(k, shares.Length))
        {
            exact = false;
            if (Interlocked.Exchange(ref _warnedUnionBound, 1) == 0)
                _services.Log.Warn(Text.F($"{_name}: {shares.Length} groups over {k} positions are too many for the exact adjustment; each group's table is adjusted to alpha / {shares.Length} instead"));
        }
        if (!exact)
        {
            var tables = new MTable[shares.Length];
            for (int g = 0; g < shares.Length; g++) tables[g] = Table(k, shares[g]);
            return tables;
        }
        var key = (k, string.Join(",", shares.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        if (_jointTables.TryGetValue(key, out MTable[]? joint)) return joint;
        joint = [.. MultinomialAdjuster.Adjust(k, shares, _options.Alpha).Tables];
        if (_jointTables.Count >= MaxCachedTables) _jointTables.Clear();
        _jointTables[key] = joint;
        return joint;
    }

    private MTable Table(int k, double p)
    {
        double alpha = _options.Adjust ? _options.Alpha / _shares.Length : _options.Alpha;
        var key = (k, p, alpha, _options.Adjust);
        if (_tables.TryGetValue(key, out MTable? table)) return table;
        table = _options.Adjust ? MTableAdjuster.Adjust(k, p, alpha).Table : MTable.Compute(k, p, alpha);
        if (_tables.Count >= MaxCachedTables) _tables.Clear();
        _tables[key] = table;
        return table;
    }

    /// <summary>The share of each group for this request; with <paramref name="problems"/> null a bad override is ignored.</summary>
    private double[] Shares(RankingRequest request, List<string>? problems)
    {
        double[] shares = (double[])_shares.Clone();
        bool any = false;
        foreach ((string key, string value) in request.Options)
        {
            if (!key.StartsWith(ShareKey, StringComparison.Ordinal)) continue;
            int g = GroupOfKey(key);
            if (g < 0)
            {
                if (key.Length == ShareKey.Length || key[ShareKey.Length] == '.')
                    problems?.Add(_values[0] is null
                        ? $"{key} names no group: this pipeline has one protected group, set with {ShareKey}"
                        : $"{key} names no group of this pipeline (use {ShareKey}.VALUE with one of {string.Join(", ", _values)})");
                continue;
            }
            if (_options.MinP is not double lo || _options.MaxP is not double hi)
            {
                problems?.Add($"{key} cannot be set on this pipeline (its fair stage sets no minP and maxP)");
                continue;
            }
            if (!Text.TryNumber(value, out double p) || p < lo || p > hi)
            {
                problems?.Add(Text.F($"{key} must be between {lo} and {hi}, got {value}"));
                continue;
            }
            shares[g] = p;
            any = true;
        }
        if (any && shares.Length > 1)
        {
            double sum = 0;
            foreach (double s in shares) sum += s;
            if (sum > 1 + 1e-12)
            {
                problems?.Add(Text.F($"the shares {ShareKey}.* must add up to at most 1, got {sum}"));
                return (double[])_shares.Clone();
            }
        }
        return shares;
    }

    private int GroupOfKey(string key)
    {
        if (_values[0] is null) return key == ShareKey ? 0 : -1;
        if (key.Length <= ShareKey.Length + 1 || key[ShareKey.Length] != '.') return -1;
        string value = key[(ShareKey.Length + 1)..];
        for (int g = 0; g < _values.Length; g++)
            if (string.Equals(_values[g], value, StringComparison.OrdinalIgnoreCase)) return g;
        return -1;
    }
}
