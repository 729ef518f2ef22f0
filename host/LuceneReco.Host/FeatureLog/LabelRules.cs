using System.Globalization;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// How an event becomes a graded label: by its kind, a fixed grade (<c>click=1</c>, <c>cart=2</c>, <c>purchase=3</c>) or the
/// event's own weight (<c>rating=weight</c>); <c>*</c> grades every other kind. An item's label in a list is the largest
/// grade of the events attributed to it (0 when none). A grade of 0 ignores the kind (e.g. <c>view=0</c> for impressions).
/// </summary>
internal sealed class LabelRules
{
    /// <summary>The default: <c>click=1,add-to-cart=2,cart=2,purchase=3,rating=weight,*=1</c>.</summary>
    public const string Default = "click=1,add-to-cart=2,cart=2,purchase=3,rating=weight,*=1";

    private readonly Dictionary<string, double?> _grades; // null: the event's weight
    private readonly double? _other;
    private readonly bool _hasOther;

    private LabelRules(Dictionary<string, double?> grades, bool hasOther, double? other)
    {
        _grades = grades;
        _hasOther = hasOther;
        _other = other;
    }

    /// <summary>Parses <c>kind=grade|weight,...</c>.</summary>
    /// <exception cref="ArgumentException">An entry is not <c>kind=number</c> or <c>kind=weight</c>, a grade is negative, or a kind is named twice; every problem at once.</exception>
    public static LabelRules Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<string>();
        var grades = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        bool hasOther = false;
        double? other = null;
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=');
            string kind = eq > 0 ? entry[..eq].Trim() : "";
            string value = eq > 0 ? entry[(eq + 1)..].Trim() : "";
            double? grade = null;
            if (kind.Length == 0) { problems.Add($"'{entry}' is not KIND=GRADE"); continue; }
            if (!value.Equals("weight", StringComparison.OrdinalIgnoreCase))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double g) || !double.IsFinite(g) || g < 0)
                {
                    problems.Add($"the grade of '{kind}' must be a number of at least 0 or 'weight', got '{value}'");
                    continue;
                }
                grade = g;
            }
            if (kind == "*")
            {
                if (hasOther) problems.Add("'*' is given twice");
                (hasOther, other) = (true, grade);
            }
            else if (!grades.TryAdd(kind, grade)) problems.Add($"kind '{kind}' is given twice");
        }
        if (problems.Count > 0) throw new ArgumentException($"bad labels: {string.Join("; ", problems)}");
        return new LabelRules(grades, hasOther, other);
    }

    /// <summary>The grade of an event of <paramref name="kind"/> with <paramref name="weight"/>; 0 for a kind the rules do not grade.</summary>
    public double Grade(string kind, double weight)
    {
        if (_grades.TryGetValue(kind, out double? grade)) return grade ?? Math.Max(0, weight);
        if (!_hasOther) return 0;
        return _other ?? Math.Max(0, weight);
    }
}
