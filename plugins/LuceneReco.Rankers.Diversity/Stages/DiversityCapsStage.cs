using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Options;
using LuceneReco.Rankers.Diversity.Vectors;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>
/// The "diversity-caps" stage: <see cref="ConstraintReorder"/> over the top <c>depth</c> candidates with the configured caps
/// and coverage rules (counts overridable per request by <c>{name}.cap.{field}</c> and <c>{name}.coverage.{field}</c>).
/// Scores are left as they are; every moved item says which rule moved it, and <c>{name}.moved</c> records the places it gained.
/// </summary>
internal sealed class DiversityCapsStage : IRequestValidatingStage
{
    private readonly string _name;
    private readonly DiversityCapsOptions _options;
    private readonly IRankerServices _services;
    private readonly List<AttributeRule> _caps, _coverage;
    private readonly string[] _fields;

    public DiversityCapsStage(string name, DiversityCapsOptions options, IRankerServices services)
    {
        _name = name;
        _options = options;
        _services = services;
        var problems = new List<string>();
        _caps = options.CapRules(problems);
        _coverage = options.CoverageRules(problems);
        if (problems.Count > 0) throw new ArgumentException($"Options of ranker '{name}' are invalid: {string.Join("; ", problems)}", nameof(options));
        var fields = new List<string>();
        foreach (AttributeRule rule in _caps) if (!fields.Contains(rule.Field)) fields.Add(rule.Field);
        foreach (AttributeRule rule in _coverage) if (!fields.Contains(rule.Field)) fields.Add(rule.Field);
        _fields = [.. fields];
    }

    public IReadOnlyList<string> ValidateRequest(RankingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        Counts(request, problems);
        string known = "cap.{field} for " + Fields(_caps) + " and coverage.{field} for " + Fields(_coverage);
        RequestOverrides.Unknown(request, _name, option =>
            (option.StartsWith("cap.", StringComparison.Ordinal) && _caps.Exists(r => r.Field == option[4..]))
            || (option.StartsWith("coverage.", StringComparison.Ordinal) && _coverage.Exists(r => r.Field == option[9..])), known, problems);
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
        for (int i = 0; i < n; i++) ids[i] = candidates[i].ItemId;
        var titles = new TitleCache(items, ids, _options.TitleField);
        ItemAttributes attributes = CandidateReader.Attributes(items, ids, _fields, titles, cancellation);

        (int[] capCounts, int[] coverageCounts) = Counts(request, null);
        var caps = new List<CapConstraint>(_caps.Count);
        var capFields = new int[_caps.Count];
        for (int r = 0; r < _caps.Count; r++)
        {
            capFields[r] = attributes.IndexOf(_caps[r].Field);
            caps.Add(new CapConstraint(attributes.Groups(capFields[r]), capCounts[r], Math.Min(_caps[r].Within ?? n, n)));
        }
        var coverage = new List<CoverageConstraint>(_coverage.Count);
        var coverageFields = new int[_coverage.Count];
        for (int r = 0; r < _coverage.Count; r++)
        {
            coverageFields[r] = attributes.IndexOf(_coverage[r].Field);
            coverage.Add(new CoverageConstraint(attributes.Groups(coverageFields[r]), coverageCounts[r], Math.Min(_coverage[r].Within!.Value, n)));
        }

        (int[] order, Placement[] placements) = ConstraintReorder.Apply(n, caps, coverage, cancellation);
        var explainer = new CapsExplainer(attributes, caps, capFields, coverage, coverageFields, order, placements);
        string movedKey = _name + ".moved";
        var reordered = new Candidate[n];
        for (int place = 0; place < n; place++)
        {
            int i = order[place];
            reordered[place] = candidates[i];
            if (place == i) continue;
            candidates[i].Features[movedKey] = i - place;
            candidates[i].Explain(_name, explainer.Why(i, place));
        }
        for (int place = 0; place < n; place++) candidates[place] = reordered[place];
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The cap and coverage counts for this request: configured, or overridden within the bounds (a bad override keeps the
    /// configured count). The bounds come from the options alone, so a request valid for validation is valid for any list.
    /// </summary>
    private (int[] Caps, int[] Coverage) Counts(RankingRequest request, List<string>? problems)
    {
        var caps = new int[_caps.Count];
        for (int r = 0; r < caps.Length; r++)
        {
            AttributeRule rule = _caps[r];
            int max = _options.MaxCap ?? rule.Within ?? _options.Depth ?? int.MaxValue;
            caps[r] = RequestOverrides.Whole(request, $"{_name}.cap.{rule.Field}", rule.Count, _options.MinCap, Math.Max(max, _options.MinCap), problems);
        }
        var coverage = new int[_coverage.Count];
        for (int r = 0; r < coverage.Length; r++)
        {
            AttributeRule rule = _coverage[r];
            int max = _options.MaxCoverage ?? rule.Within!.Value;
            coverage[r] = RequestOverrides.Whole(request, $"{_name}.coverage.{rule.Field}", rule.Count, _options.MinCoverage, Math.Max(max, _options.MinCoverage), problems);
        }
        return (caps, coverage);
    }

    private static string Fields(List<AttributeRule> rules) => rules.Count == 0 ? "no field" : string.Join(", ", rules.ConvertAll(r => r.Field));
}
