namespace LuceneReco.Index.Analysis;

/// <summary>Removes a trailing possessive, as Lucene's EnglishPossessiveFilter (before lowercasing).</summary>
internal static class EnglishPossessive
{
    /// <summary>New length of <paramref name="term"/>: 2 shorter when it ends in ('|’|＇)(s|S).</summary>
    public static int Strip(ReadOnlySpan<char> term)
    {
        int n = term.Length;
        if (n < 2) return n;
        char s = term[n - 1];
        char q = term[n - 2];
        return (s == 's' || s == 'S') && (q == '\'' || q == '\u2019' || q == '\uFF07') ? n - 2 : n;
    }
}
