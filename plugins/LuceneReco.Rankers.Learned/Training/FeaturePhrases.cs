using LuceneReco.Rankers.Learned.Features;

namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// Phrases for people for the built-in features, written into the features file of a trained model so its explanations read
/// "ranked up by: popular lately, in your usual genres; down by: far from your usual tags". A feature of another plugin keeps
/// its name (edit the features file to give it a phrase).
/// </summary>
internal static class FeaturePhrases
{
    public static FeatureSpec For(string name)
    {
        string tail = name[(name.IndexOf('.') + 1)..];
        return name switch
        {
            "pop.count" => new(name, null, "popular", "rarely chosen"),
            "pop.recent" => new(name, null, "popular lately", "little interest lately"),
            "pop.trend" => new(name, null, "rising lately", "interest fading"),
            "age.days" => new(name, "how new it is"),
            "ctx.hour" => new(name, "the time of day"),
            "ctx.weekday" => new(name, "the day of the week"),
            "user.events" => new(name, "how much you have used it"),
            "user.daysSinceLast" => new(name, "how recently you were here"),
            _ when name.StartsWith("bm25.", StringComparison.Ordinal) || name.StartsWith("tfidf.", StringComparison.Ordinal)
                => new(name, null, $"matches your search in the {tail}", $"matches little of your search in the {tail}"),
            _ when name.StartsWith("overlap.", StringComparison.Ordinal) => new(name, null, $"in your usual {tail}", $"far from your usual {tail}"),
            _ when name.StartsWith("length.", StringComparison.Ordinal) => new(name, $"the length of its {tail}"),
            _ when name.StartsWith("num.", StringComparison.Ordinal) => new(name, $"its {tail}"),
            _ when name.StartsWith("score.", StringComparison.Ordinal) => new(name, null, $"a strong match for {tail}", $"a weak match for {tail}"),
            _ when name.StartsWith("ctx.", StringComparison.Ordinal) => new(name, $"the request's {tail}"),
            _ when name.EndsWith(".rank", StringComparison.Ordinal) => new(name, $"where {name[..^5]} placed it"),
            _ => new(name),
        };
    }
}
