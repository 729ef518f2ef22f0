namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// One setting a search varies: its name, the values it may take (a grid, so trials that share a value share what was
/// built for it, such as a trained model) and the value it has when nothing is tuned.
/// </summary>
/// <param name="Name">The setting's name, e.g. <c>lambda</c> or <c>recall.als.size</c>.</param>
/// <param name="Values">The values tried, as invariant-culture text.</param>
/// <param name="Default">The untuned value (one of <paramref name="Values"/>).</param>
internal sealed record SearchParameter(string Name, IReadOnlyList<string> Values, string Default)
{
    /// <summary>A parameter over numbers, written in invariant culture.</summary>
    public static SearchParameter Of(string name, double @default, params double[] values) =>
        new(name, values.Select(Text).ToList(), Text(@default));

    /// <summary>A number as the search writes it.</summary>
    public static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds every problem to <paramref name="errors"/>.</summary>
    public void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("a search parameter has no name");
        if (Values.Count == 0) errors.Add($"search parameter '{Name}' has no values");
        if (!Values.Contains(Default, StringComparer.Ordinal)) errors.Add($"search parameter '{Name}': the default '{Default}' is not among its values");
    }
}
