namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>
/// The options of the "diversity-caps" ranker, e.g. <c>{ "caps": "provider:3/10", "coverage": "category:2/5" }</c>: at most
/// 3 items from one provider in the top 10, at least 2 categories in the top 5. A request may send
/// <c>{name}.cap.{field}</c> (a configured cap's count, within [<see cref="MinCap"/>, <see cref="MaxCap"/>]) and
/// <c>{name}.coverage.{field}</c> (a configured coverage rule's count, within [<see cref="MinCoverage"/>, <see cref="MaxCoverage"/>]).
/// A candidate without the field's value is a group of its own: no cap holds it back, and it counts as a value of its own for coverage.
/// </summary>
public sealed class DiversityCapsOptions : DiversityStageOptions
{
    /// <summary>Caps <c>field:max/within</c> separated by commas; <c>field:max</c> covers the whole depth. <value>The default is <c>null</c> (none).</value></summary>
    public string? Caps { get; set; }

    /// <summary>Coverage rules <c>field:min/within</c> separated by commas. <value>The default is <c>null</c> (none).</value></summary>
    public string? Coverage { get; set; }

    /// <summary>The least cap count a request may ask for. <value>The default is 1.</value></summary>
    public int MinCap { get; set; } = 1;

    /// <summary>The largest cap count a request may ask for. <value>The default is <c>null</c>: the cap's own number of places (the depth for a cap over the whole depth).</value></summary>
    public int? MaxCap { get; set; }

    /// <summary>The least coverage count a request may ask for (0 turns the rule off). <value>The default is 0.</value></summary>
    public int MinCoverage { get; set; }

    /// <summary>The largest coverage count a request may ask for. <value>The default is <c>null</c>: the rule's own number of places.</value></summary>
    public int? MaxCoverage { get; set; }

    internal List<AttributeRule> CapRules(List<string> problems) => RuleParser.Parse(Caps, "caps", withinRequired: false, minCount: 1, problems);

    internal List<AttributeRule> CoverageRules(List<string> problems) => RuleParser.Parse(Coverage, "coverage", withinRequired: true, minCount: 1, problems);

    /// <inheritdoc/>
    protected override void Validate(List<string> problems)
    {
        base.Validate(problems);
        List<AttributeRule> caps = CapRules(problems), coverage = CoverageRules(problems);
        if (caps.Count == 0 && coverage.Count == 0 && problems.Count == 0) problems.Add("caps or coverage must give at least one rule");
        if (MinCap < 1) problems.Add(Format($"minCap must be at least 1, got {MinCap}"));
        if (MaxCap is int maxCap && maxCap < MinCap) problems.Add(Format($"maxCap must be at least minCap {MinCap}, got {maxCap}"));
        foreach (AttributeRule cap in caps)
            if (cap.Count < MinCap || cap.Count > (MaxCap ?? int.MaxValue))
                problems.Add(MaxCap is null
                    ? Format($"caps: {cap.Field}'s count {cap.Count} must be at least minCap {MinCap}")
                    : Format($"caps: {cap.Field}'s count {cap.Count} must be between minCap {MinCap} and maxCap {MaxCap}"));
        if (MinCoverage < 0) problems.Add(Format($"minCoverage must be at least 0, got {MinCoverage}"));
        if (MaxCoverage is int maxCoverage && maxCoverage < MinCoverage) problems.Add(Format($"maxCoverage must be at least minCoverage {MinCoverage}, got {maxCoverage}"));
        foreach (AttributeRule rule in coverage)
            if (rule.Count < MinCoverage || rule.Count > (MaxCoverage ?? int.MaxValue))
                problems.Add(MaxCoverage is null
                    ? Format($"coverage: {rule.Field}'s count {rule.Count} must be at least minCoverage {MinCoverage}")
                    : Format($"coverage: {rule.Field}'s count {rule.Count} must be between minCoverage {MinCoverage} and maxCoverage {MaxCoverage}"));
    }
}
