using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>The "options" of a recall step naming a collaborative source, e.g. <c>{"source": "als", "size": 300}</c>.</summary>
public sealed class CollaborativeSourceOptions
{
    /// <summary>The model folder, relative to the plugin's data folder (or absolute). <value>The default is <c>"models"</c>, where <c>lucenereco train</c> writes.</value></summary>
    public string ModelDirectory { get; set; } = "models";

    /// <summary>The alias (<c>production</c>, <c>canary</c>, ...) or version (<c>3</c>, <c>v3</c>) of the model served; see <c>lucenereco models</c>. <value>The default is "production" (the newest version until an alias is set).</value></summary>
    public string ModelVersion { get; set; } = LuceneReco.Plugins.ModelAliases.Production;

    /// <summary>Least seconds between checks for a newer model version. <value>The default is 2.</value></summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How many of the user's newest interactions are scored from. <value>The default is 1000.</value></summary>
    public int MaxHistory { get; set; } = 1000;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelDirectory)) errors.Add("modelDirectory must name a folder");
        if (LuceneReco.Plugins.ModelAliases.ParseVersion(ModelVersion ?? "") is null && !LuceneReco.Plugins.ModelAliases.IsAliasName(ModelVersion ?? ""))
            errors.Add($"modelVersion must name an alias (production, canary) or a version (3, v3), got \"{ModelVersion}\"");
        if (!double.IsFinite(PollSeconds) || PollSeconds is < 0 or > 86_400)
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"pollSeconds must be 0 to 86400, got {PollSeconds}"));
        if (MaxHistory is < 1 or > 100_000) errors.Add(string.Create(CultureInfo.InvariantCulture, $"maxHistory must be 1 to 100000, got {MaxHistory}"));
        return errors;
    }
}
