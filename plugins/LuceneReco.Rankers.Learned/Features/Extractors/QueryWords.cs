namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// The query's words, lower-cased and split on anything not a letter or digit, and how a word matches a term of an item's
/// term vector. Term vectors hold analysed terms (stems), and the contract gives no analyser, so a word matches a term when
/// they are equal or the term is the word less a short ending ("stations" and "station", "played" and "play"): an
/// approximation of the index's stemming, good enough for a feature.
/// </summary>
internal static class QueryWords
{
    /// <summary>The longest ending a term may lack and still match a word.</summary>
    public const int MaxEnding = 3;

    /// <summary>The distinct words of <paramref name="text"/> (empty for null or blank text).</summary>
    public static string[] Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool word = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (word && start < 0) start = i;
            else if (!word && start >= 0)
            {
                string w = text[start..i].ToLowerInvariant();
                if (!words.Contains(w)) words.Add(w);
                start = -1;
            }
        }
        return [.. words];
    }

    /// <summary>Whether <paramref name="term"/> (an analysed term) stands for <paramref name="word"/> (a query word).</summary>
    public static bool Matches(string word, string term) =>
        word == term || (term.Length >= 3 && word.Length > term.Length && word.Length - term.Length <= MaxEnding && word.StartsWith(term, StringComparison.Ordinal));
}
