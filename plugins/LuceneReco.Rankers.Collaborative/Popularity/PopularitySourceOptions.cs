namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>The "options" of a recall step naming the "popular" source, e.g. <c>{"source": "popular", "options": {"order": "trending"}}</c>.</summary>
public sealed class PopularitySourceOptions
{
    /// <summary>Popular (most users) or trending (recent, kind-weighted activity). <value>The default is <see cref="PopularityOrder.Trending"/>.</value></summary>
    public PopularityOrder Order { get; set; } = PopularityOrder.Trending;

    /// <summary>The model folder, relative to the plugin's data folder. <value>The default is <c>"models"</c>.</value></summary>
    public string ModelDirectory { get; set; } = "models";

    /// <summary>Least seconds between checks for a newer model version. <value>The default is 2.</value></summary>
    public double PollSeconds { get; set; } = 2;
}
