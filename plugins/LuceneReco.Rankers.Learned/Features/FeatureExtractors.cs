using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features.Extractors;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// The registry of built-in feature extractors, by name, and how options make them. Other plugins add extractors of their own
/// through the contract (<see cref="IFeatureExtractor"/> run by a <see cref="FeatureExtractorStage"/> in their own stage).
/// </summary>
internal static class FeatureExtractors
{
    /// <summary>The built-in extractors' names, in their default order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["recall", "text", "popularity", "age", "numeric", "overlap", "context", "user", "semantic"];

    /// <summary>The extractors <paramref name="options"/> asks for (validated first), in order.</summary>
    public static IReadOnlyList<IFeatureExtractor> Create(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var names = options.Extractors is { } list ? FeatureOptions.Split(list) : [.. Names];
        var result = new List<IFeatureExtractor>(names.Length);
        foreach (string name in names)
        {
            IFeatureExtractor? extractor = name switch
            {
                "recall" => new RecallExtractor(),
                "text" when options.TextFields is { } f => new TextExtractor(FeatureOptions.Split(f), options.K1, options.B),
                "popularity" => new PopularityExtractor(TimeSpan.FromDays(options.PopularityDays), options.PopularityDepth),
                "age" when options.AgeField is { } f => new ItemAgeExtractor(f.Trim(), FeatureOptions.ParseAgeUnit(options.AgeUnit)!.Value),
                "numeric" when options.NumericFields is { } f => new NumericExtractor(FeatureOptions.Split(f)),
                "overlap" when options.KeywordFields is { } f => new HistoryOverlapExtractor(FeatureOptions.Split(f), options.HistoryDepth),
                "context" => new ContextExtractor(FeatureOptions.Split(options.ContextKeys)),
                "user" => new UserExtractor(),
                "semantic" => new SemanticExtractor(options.HistoryDepth),
                _ => null, // an extractor whose fields are not set (only by default: Validate refuses it when named)
            };
            if (extractor is not null) result.Add(extractor);
        }
        return result;
    }
}
