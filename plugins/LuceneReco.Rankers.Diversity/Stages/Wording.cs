namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>The words explanations are made of: positions, quoted titles, ordinals, field names as nouns.</summary>
internal static class Wording
{
    private static readonly string[] Ordinals = ["", "", "second ", "third ", "fourth ", "fifth ", "sixth ", "seventh ", "eighth ", "ninth ", "tenth "];

    /// <summary>"moved up from 14 to 6" or "moved down from 3 to 9" (1-based places).</summary>
    public static string Moved(int from, int to) => from > to ? $"moved up from {from} to {to}" : $"moved down from {from} to {to}";

    /// <summary>A title in double quotes.</summary>
    public static string Quote(string title) => "\"" + title + "\"";

    /// <summary>"a second category", "a category" (n = 1), "a 12th category".</summary>
    public static string Nth(int n, string field)
    {
        string noun = Noun(field);
        if (n < Ordinals.Length) return "a " + Ordinals[n] + noun;
        string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"a {n}{suffix} {noun}";
    }

    /// <summary>A field name as a singular noun: "tags" reads "tag"; other names as they are.</summary>
    public static string Noun(string field) =>
        field.Length > 3 && field.EndsWith('s') && !field.EndsWith("ss", StringComparison.Ordinal) && !field.EndsWith("us", StringComparison.Ordinal)
            ? field[..^1]
            : field;

    /// <summary>"the top 10".</summary>
    public static string Top(int places) => $"the top {places}";
}
