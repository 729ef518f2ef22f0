namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// The settings a search varies (<see cref="SearchParameter"/>s, each a grid of values) and how a trial's settings are drawn:
/// uniformly per parameter from a seeded <see cref="Random"/>, so a seed gives the same trials in the same order. What the
/// settings mean is the caller's: <c>tune</c> builds pipelines and training settings from them, a sweep could build
/// diversity or fairness options.
/// </summary>
internal sealed class SearchSpace
{
    public SearchSpace(IReadOnlyList<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<string>();
        foreach (var p in parameters) p.Validate(errors);
        if (parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != parameters.Count) errors.Add("search parameter names must be distinct");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(parameters));
        Parameters = parameters;
    }

    /// <summary>The parameters, in the order they are drawn.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>Every parameter at its default.</summary>
    public SortedDictionary<string, string> Defaults()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Parameters) settings[p.Name] = p.Default;
        return settings;
    }

    /// <summary>One value per parameter, drawn uniformly.</summary>
    public SortedDictionary<string, string> Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Parameters) settings[p.Name] = p.Values[random.Next(p.Values.Count)];
        return settings;
    }

    /// <summary>
    /// <paramref name="from"/> with 1 to <paramref name="maxChanges"/> parameters (chosen uniformly, distinct) set to another
    /// of their values: a draw near a known-good setting, which in a space of many parameters is far likelier to improve on
    /// it than a draw of every parameter at once.
    /// </summary>
    public SortedDictionary<string, string> Near(IReadOnlyDictionary<string, string> from, Random random, int maxChanges)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(random);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Parameters) settings[p.Name] = from.TryGetValue(p.Name, out var v) ? v : p.Default;
        var changeable = Parameters.Where(p => p.Values.Count > 1).ToList();
        int changes = Math.Min(changeable.Count, 1 + random.Next(Math.Max(1, maxChanges)));
        for (int c = 0; c < changes; c++)
        {
            int at = random.Next(changeable.Count);
            var p = changeable[at];
            changeable.RemoveAt(at);
            var others = p.Values.Where(v => v != settings[p.Name]).ToList();
            settings[p.Name] = others[random.Next(others.Count)];
        }
        return settings;
    }

    /// <summary>A space without the parameters named in <paramref name="fixedNames"/> (settings the user gave).</summary>
    public SearchSpace Without(IEnumerable<string> fixedNames)
    {
        var drop = new HashSet<string>(fixedNames, StringComparer.Ordinal);
        return new SearchSpace(Parameters.Where(p => !drop.Contains(p.Name)).ToList());
    }

    /// <summary>The settings as one line, <c>name=value</c> in name order: equal settings give equal keys.</summary>
    public static string Key(IReadOnlyDictionary<string, string> settings) =>
        string.Join(" ", settings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
