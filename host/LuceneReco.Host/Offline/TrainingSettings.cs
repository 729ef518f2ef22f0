using System.Text.RegularExpressions;

namespace LuceneReco.Host.Offline;

/// <summary>
/// What <c>train</c>, <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> ask the trainable plugins for: which
/// plugins to train and the settings given on the command line, passed on as they are
/// (<see cref="LuceneReco.Plugins.TrainingJob.Settings"/>); each plugin applies its own defaults to the rest.
/// </summary>
internal sealed partial record TrainingSettings
{
    /// <summary>The plugins to train, by name. <value>The default is <c>null</c>: every trainable plugin the pipeline uses (for <c>train</c>: every trainable plugin loaded).</value></summary>
    public IReadOnlyList<string>? Plugins { get; init; }

    /// <summary>Settings by name, e.g. <c>factors = "64"</c>. <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reports every problem of form at once (names, empty values); what the values mean is the plugins' to judge.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, value) in Values)
        {
            if (!SettingName().IsMatch(name)) errors.Add($"training setting name '{name}' must be letters, digits, '-', '_' and '.'");
            if (string.IsNullOrWhiteSpace(value)) errors.Add($"training setting '{name}' has no value");
        }
        if (Plugins is { Count: 0 }) errors.Add("no plugin to train was named");
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SettingName();
}
