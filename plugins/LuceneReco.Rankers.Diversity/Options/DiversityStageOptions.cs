using System.Globalization;

namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>What every diversity stage is configured with: its name, how much of the list it reorders, and how items are named.</summary>
public abstract class DiversityStageOptions
{
    /// <summary>
    /// The stage's name in explanations, feature names (<c>{name}.maxSim</c>) and request option keys (<c>{name}.lambda</c>).
    /// Give it the pipeline step's <c>name</c> when the step has one.
    /// <value>The default is <c>null</c>: the plugin's name ("mmr", "dpp", "diversity-caps").</value>
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// How many of the top candidates are reordered; the rest keep their places after them.
    /// <value>The default is 100. <c>null</c> reorders the whole list.</value>
    /// </summary>
    public int? Depth { get; set; } = 100;

    /// <summary>The item field whose first value names items in explanations; <c>null</c> names them by id. <value>The default is "title".</value></summary>
    public string? TitleField { get; set; } = "title";

    /// <summary>Adds every problem with these options to <paramref name="problems"/>.</summary>
    protected virtual void Validate(List<string> problems)
    {
        if (Name is not null && (Name.Length == 0 || !Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')))
            problems.Add($"name must be letters, digits, '-', '_' and '.', got \"{Name}\"");
        if (Depth is < 1) problems.Add(Format($"depth must be at least 1 (or null for the whole list), got {Depth}"));
        if (TitleField is { Length: 0 }) problems.Add("titleField, when given, must not be empty");
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, prefixed with <paramref name="ranker"/>.</summary>
    /// <exception cref="ArgumentException">Some option is out of range.</exception>
    public void Validate(string ranker)
    {
        var problems = new List<string>();
        Validate(problems);
        if (problems.Count > 0) throw new ArgumentException($"Options of ranker '{ranker}' are invalid: {string.Join("; ", problems)}");
    }

    /// <summary>Formats with the invariant culture.</summary>
    protected static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits a comma-separated list of field names, trimming each and dropping empty ones.</summary>
    internal static string[] SplitFields(string? fields) =>
        fields is null ? [] : fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
