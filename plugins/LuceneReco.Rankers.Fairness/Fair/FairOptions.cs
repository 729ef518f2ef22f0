using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The "options" of a pipeline step using "fair". Name the protected group one of three ways: <see cref="ProtectedValues"/>
/// (values of the keyword <see cref="Field"/>, target share <see cref="P"/>), <see cref="Groups"/> (several protected
/// groups, each one value with its own share), or <see cref="Threshold"/> (a numeric field below or above a value).
/// </summary>
public sealed class FairOptions
{
    /// <summary>The item field holding the group attribute (keyword field, or numeric with <see cref="Threshold"/>).</summary>
    /// <value>The default is "provider".</value>
    public string Field { get; set; } = "provider";

    /// <summary>Comma-separated values of <see cref="Field"/> that put an item in the protected group, e.g. "indie,small".</summary>
    /// <value>The default is <c>null</c> (use <see cref="Groups"/> or <see cref="Threshold"/>).</value>
    public string? ProtectedValues { get; set; }

    /// <summary>The target share of the protected group (one group), 0 &lt; p &lt; 1; a request may send <c>fair.p</c>.</summary>
    /// <value>The default is 0.5.</value>
    public double P { get; set; } = 0.5;

    /// <summary>Several protected groups as comma-separated <c>value=share</c>, e.g. "indie=0.2,local=0.1" (shares add up to at most 1); a request may send <c>fair.p.indie</c>.</summary>
    /// <value>The default is <c>null</c> (one group).</value>
    public string? Groups { get; set; }

    /// <summary>Numeric mode: an item is protected when its numeric <see cref="Field"/> is below this (see <see cref="ProtectedBelow"/>).</summary>
    /// <value>The default is <c>null</c> (keyword mode).</value>
    public double? Threshold { get; set; }

    /// <summary>Numeric mode: protected below the threshold (true) or at or above it (false).</summary>
    /// <value>The default is <c>true</c>.</value>
    public bool ProtectedBelow { get; set; } = true;

    /// <summary>The significance of the ranked group fairness test, 0 &lt; alpha &lt; 1.</summary>
    /// <value>The default is 0.1.</value>
    public double Alpha { get; set; } = 0.1;

    /// <summary>Adjust alpha for testing every prefix (<see cref="MTableAdjuster"/>; several groups as <see cref="GroupAdjustment"/> says).</summary>
    /// <value>The default is <c>true</c>.</value>
    public bool Adjust { get; set; } = true;

    /// <summary>
    /// With several groups and <see cref="Adjust"/>: <see cref="Fair.GroupAdjustment.Exact"/> (one alpha' for all, exact under the
    /// multinomial; when <c>(k + 1)^G</c> exceeds <see cref="MultinomialAdjuster.MaxCells"/> the union bound is used, with a
    /// warning) or <see cref="Fair.GroupAdjustment.UnionBound"/> (alpha / G each).
    /// </summary>
    /// <value>The default is <see cref="Fair.GroupAdjustment.Exact"/>.</value>
    public GroupAdjustment GroupAdjustment { get; set; } = GroupAdjustment.Exact;

    /// <summary>How many top positions the constraint covers; <c>null</c> uses the request's k. Capped by the candidate count.</summary>
    /// <value>The default is <c>null</c>.</value>
    public int? K { get; set; }

    /// <summary>The least share a request may ask for (<c>fair.p</c>); with <see cref="MaxP"/> null, requests may not change shares.</summary>
    /// <value>The default is <c>null</c> (no request overrides).</value>
    public double? MinP { get; set; }

    /// <summary>The largest share a request may ask for.</summary>
    /// <value>The default is <c>null</c> (no request overrides).</value>
    public double? MaxP { get; set; }

    /// <summary>The item field whose first value names items in explanations; <c>null</c> uses ids.</summary>
    /// <value>The default is "title".</value>
    public string? TitleField { get; set; } = "title";

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Field)) problems.Add("field must be a field name");
        int modes = (ProtectedValues is not null ? 1 : 0) + (Groups is not null ? 1 : 0) + (Threshold is not null ? 1 : 0);
        if (modes != 1) problems.Add("exactly one of protectedValues, groups and threshold must be set");
        if (ProtectedValues is not null && Text.List(ProtectedValues).Length == 0) problems.Add("protectedValues must list at least one value");
        if (!(P > 0 && P < 1)) problems.Add(Text.F($"p must be strictly between 0 and 1, got {P}"));
        if (Groups is not null)
        {
            if (ParseGroups(Groups, out List<(string Value, double P)> groups) is { } bad) problems.Add(bad);
            else if (groups.Count == 0) problems.Add("groups must list at least one value=share");
        }
        if (Threshold is double t && !double.IsFinite(t)) problems.Add(Text.F($"threshold must be a finite number, got {t}"));
        if (!(Alpha > 0 && Alpha < 1)) problems.Add(Text.F($"alpha must be strictly between 0 and 1, got {Alpha}"));
        int maxK = Adjust ? MTableAdjuster.MaxK : MTable.MaxK;
        if (K is int k && (k < 1 || k > maxK)) problems.Add(Text.F($"k must be 1 to {maxK}, got {k}"));
        if ((MinP is null) != (MaxP is null)) problems.Add("minP and maxP must be set together");
        if (MinP is double lo && MaxP is double hi && !(lo > 0 && lo <= hi && hi < 1))
            problems.Add(Text.F($"minP and maxP must satisfy 0 < minP <= maxP < 1, got {lo} and {hi}"));
        if (!Enum.IsDefined(GroupAdjustment)) problems.Add($"groupAdjustment must be Exact or UnionBound, got {GroupAdjustment}");
        if (TitleField is { Length: 0 }) problems.Add("titleField, when given, must not be empty");
        if (problems.Count > 0) throw new ArgumentException("fair: " + string.Join("; ", problems));
    }

    /// <summary>Parses "a=0.2,b=0.1"; null when valid, else the problem.</summary>
    internal static string? ParseGroups(string text, out List<(string Value, double P)> groups)
    {
        groups = [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        double sum = 0;
        foreach (string part in Text.List(text))
        {
            int eq = part.LastIndexOf('=');
            if (eq <= 0 || !Text.TryNumber(part[(eq + 1)..], out double p) || !(p > 0 && p < 1))
                return $"groups entry '{part}' must be value=share with 0 < share < 1";
            string value = part[..eq].Trim();
            if (!seen.Add(value)) return $"groups names '{value}' twice";
            groups.Add((value, p));
            sum += p;
        }
        return sum > 1 + 1e-12 ? Text.F($"groups shares must add up to at most 1, got {sum}") : null;
    }
}
