using System.Globalization;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>Options shared by the collaborative rankers (a pipeline step's "options" object).</summary>
public abstract record CollaborativeRankerOptions
{
    /// <summary>Where the model versions are, relative to the plugin's data directory (or absolute). <value>The default is "models".</value></summary>
    public string ModelDirectory { get; init; } = "models";

    /// <summary>The alias (<c>production</c>, <c>canary</c>, ...) or version (<c>3</c>, <c>v3</c>) of the model served; see <c>lucenereco models</c>. <value>The default is "production" (the newest version until an alias is set).</value></summary>
    public string ModelVersion { get; init; } = LuceneReco.Plugins.ModelAliases.Production;

    /// <summary>The collaborative share w of <c>final = (1 - w) * norm(incoming) + w * norm(cf)</c>. <value>The default is 0.5.</value></summary>
    public double Weight { get; init; } = 0.5;

    /// <summary>How scores are normalised before blending. <value>The default is <see cref="ScoreNormalisation.MinMax"/>.</value></summary>
    public ScoreNormalisation Normalisation { get; init; } = ScoreNormalisation.MinMax;

    /// <summary>Most recent interactions of the user that are read. <value>The default is 200.</value></summary>
    public int MaxHistory { get; init; } = 200;

    /// <summary>Use the request's recent items (strength 1 each) when the user has no stored history. <value>The default is <c>true</c>.</value></summary>
    public bool UseRecentItems { get; init; } = true;

    /// <summary>History items named per candidate in the explanation. <value>The default is 3.</value></summary>
    public int ExplainTop { get; init; } = 3;

    /// <summary>The item field whose first value names items in explanations; <c>null</c> uses ids. <value>The default is "title".</value></summary>
    public string? TitleField { get; init; } = "title";

    /// <summary>Least seconds between checks for a newer model version. <value>The default is 2.</value></summary>
    public double PollSeconds { get; init; } = 2;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public virtual List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelDirectory)) errors.Add("ModelDirectory must name a folder");
        if (LuceneReco.Plugins.ModelAliases.ParseVersion(ModelVersion ?? "") is null && !LuceneReco.Plugins.ModelAliases.IsAliasName(ModelVersion ?? ""))
            errors.Add($"ModelVersion must name an alias (production, canary) or a version (3, v3), got \"{ModelVersion}\"");
        if (!double.IsFinite(Weight) || Weight is < 0 or > 1) errors.Add(Invariant($"Weight must be 0 to 1, got {Weight}"));
        if (!Enum.IsDefined(Normalisation)) errors.Add($"Normalisation must be MinMax, MaxAbs or None, got {Normalisation}");
        if (MaxHistory is < 1 or > 100_000) errors.Add(Invariant($"MaxHistory must be 1 to 100000, got {MaxHistory}"));
        if (ExplainTop is < 0 or > 50) errors.Add(Invariant($"ExplainTop must be 0 to 50, got {ExplainTop}"));
        if (TitleField is { Length: 0 }) errors.Add("TitleField, when given, must not be empty");
        if (!double.IsFinite(PollSeconds) || PollSeconds is < 0 or > 86_400) errors.Add(Invariant($"PollSeconds must be 0 to 86400, got {PollSeconds}"));
        return errors;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
