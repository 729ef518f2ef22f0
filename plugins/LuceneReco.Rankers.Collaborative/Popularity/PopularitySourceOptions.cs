namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>The "options" of a recall step naming the "popular" source, e.g. <c>{"source": "popular", "options": {"order": "trending"}}</c>.</summary>
public sealed class PopularitySourceOptions
{
    /// <summary>Popular (most users) or trending (recent, kind-weighted activity). <value>The default is <see cref="PopularityOrder.Trending"/>.</value></summary>
    public PopularityOrder Order { get; set; } = PopularityOrder.Trending;

    /// <summary>The model folder, relative to the plugin's data folder. <value>The default is <c>"models"</c>.</value></summary>
    public string ModelDirectory { get; set; } = "models";

    /// <summary>The alias (<c>production</c>, <c>canary</c>, ...) or version (<c>3</c>, <c>v3</c>) of the model served; see <c>lucenereco models</c>. <value>The default is "production" (the newest version until an alias is set).</value></summary>
    public string ModelVersion { get; set; } = LuceneReco.Plugins.ModelAliases.Production;

    /// <summary>Least seconds between checks for a newer model version. <value>The default is 2.</value></summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelDirectory)) errors.Add("modelDirectory must name a folder");
        if (LuceneReco.Plugins.ModelAliases.ParseVersion(ModelVersion ?? "") is null && !LuceneReco.Plugins.ModelAliases.IsAliasName(ModelVersion ?? ""))
            errors.Add($"modelVersion must name an alias (production, canary) or a version (3, v3), got \"{ModelVersion}\"");
        return errors;
    }
}
