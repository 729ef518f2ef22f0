namespace LuceneReco.Plugins;

/// <summary>
/// How explanations name a user's events by their own kind: "you rated", "you played", "you bought". Sources and stages
/// share it so that one event reads the same in every reason.
/// </summary>
public static class EventWording
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["view"] = "viewed", ["click"] = "clicked", ["rating"] = "rated", ["rate"] = "rated", ["play"] = "played",
        ["listen"] = "listened to", ["watch"] = "watched", ["purchase"] = "bought", ["buy"] = "bought",
        ["order"] = "ordered", ["like"] = "liked", ["favourite"] = "saved", ["favorite"] = "saved",
        ["bookmark"] = "saved", ["save"] = "saved", ["cart"] = "added to your cart", ["add-to-cart"] = "added to your cart",
        ["share"] = "shared", ["download"] = "downloaded", ["read"] = "read", ["tag"] = "tagged", ["recent"] = "looked at",
    };

    /// <summary>
    /// The past-tense verb for an event of <paramref name="kind"/>: "rated" for <c>rating</c>, "played" for <c>play</c>;
    /// a kind it does not know reads "interacted with", never a made-up word.
    /// </summary>
    public static string Verb(string? kind) =>
        kind is not null && Verbs.TryGetValue(kind.Trim(), out string? verb) ? verb : "interacted with";

    /// <summary>"you rated", "you played", ... for <paramref name="kind"/>.</summary>
    public static string YouDid(string? kind) => "you " + Verb(kind);

    /// <summary>
    /// Names items in a sentence: <c>A</c>, <c>A and B</c>, <c>A, B and C</c>; with more than <paramref name="most"/>,
    /// the first ones and "N more".
    /// </summary>
    public static string Join(IReadOnlyList<string> names, int most = 3)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        int shown = Math.Min(names.Count, most);
        int rest = names.Count - shown;
        var parts = new List<string>(shown + 1);
        for (int i = 0; i < shown; i++) parts.Add(names[i]);
        if (rest > 0) parts.Add(rest == 1 ? "1 more" : $"{rest} more");
        return parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };
    }
}
