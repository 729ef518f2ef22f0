namespace LuceneReco.Index.Analysis;

/// <summary>
/// A small set of short ASCII stop words, looked up without allocating: each word (at most 8
/// chars) is packed into a ulong, one byte per char, and found by binary search.
/// </summary>
internal sealed class StopWordSet
{
    /// <summary>Lucene's EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.</summary>
    public static readonly StopWordSet English = new(
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with");

    /// <summary>The stop words of Lucene's CJKAnalyzer (its cjk/stopwords.txt): English ones minus "an", plus "s", "t", "www".</summary>
    public static readonly StopWordSet Cjk = new(
        "a", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "s", "such", "t", "that", "the", "their", "then", "there",
        "these", "they", "this", "to", "was", "will", "with", "www");

    /// <summary>Union of <see cref="English"/> and <see cref="Cjk"/>, for CJK text whose Latin words get the English chain.</summary>
    public static readonly StopWordSet EnglishAndCjk = new([.. English._words, .. Cjk._words]);

    private readonly string[] _words;
    private readonly ulong[] _keys;
    private readonly int _maxLength;

    public StopWordSet(params string[] words)
    {
        _words = words;
        var keys = new SortedSet<ulong>();
        foreach (string w in words)
        {
            if (!TryPack(w, out ulong key)) throw new ArgumentException($"stop word '{w}' is not short lowercase ASCII", nameof(words));
            keys.Add(key);
            _maxLength = Math.Max(_maxLength, w.Length);
        }
        _keys = [.. keys];
    }

    /// <summary>Is <paramref name="term"/> (already lowercased) a stop word?</summary>
    public bool Contains(ReadOnlySpan<char> term)
        => term.Length <= _maxLength && TryPack(term, out ulong key) && Array.BinarySearch(_keys, key) >= 0;

    private static bool TryPack(ReadOnlySpan<char> word, out ulong key)
    {
        key = 0;
        if (word.Length == 0 || word.Length > 8) return false;
        foreach (char c in word)
        {
            if (c >= 0x80) return false;
            key = (key << 8) | c;
        }
        return true;
    }
}
