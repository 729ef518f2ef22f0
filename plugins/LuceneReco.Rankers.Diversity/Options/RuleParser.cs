using System.Globalization;

namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>
/// Reads rule lists such as <c>"provider:3/10, category:4/10"</c>: rules separated by ',' or ';', each
/// <c>field:count/within</c> (a cap may leave out <c>/within</c> to cover the whole depth). Every problem is reported.
/// </summary>
internal static class RuleParser
{
    public static List<AttributeRule> Parse(string? text, string option, bool withinRequired, int minCount, List<string> problems)
    {
        var rules = new List<AttributeRule>();
        if (string.IsNullOrWhiteSpace(text)) return rules;
        string form = withinRequired ? "field:count/within" : "field:count or field:count/within";
        foreach (string part in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems.Add($"{option}: \"{part}\" is not {form}");
                continue;
            }
            string field = part[..colon].Trim(), rest = part[(colon + 1)..].Trim();
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            string countText = slash < 0 ? rest : rest[..slash].Trim();
            string? withinText = slash < 0 ? null : rest[(slash + 1)..].Trim();
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < minCount)
            {
                problems.Add($"{option}: in \"{part}\" the count must be a whole number at least {minCount}");
                continue;
            }
            int? within = null;
            if (withinText is not null)
            {
                if (!int.TryParse(withinText, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1)
                {
                    problems.Add($"{option}: in \"{part}\" the number of places after '/' must be a whole number at least 1");
                    continue;
                }
                within = w;
            }
            else if (withinRequired)
            {
                problems.Add($"{option}: \"{part}\" must say within how many places, as {form}");
                continue;
            }
            if (within is int top && withinRequired && count > top)
                problems.Add($"{option}: \"{part}\" asks for more values than places");
            if (rules.Exists(r => r.Field == field))
                problems.Add($"{option}: \"{field}\" has more than one rule");
            rules.Add(new AttributeRule(field, count, within));
        }
        return rules;
    }
}
