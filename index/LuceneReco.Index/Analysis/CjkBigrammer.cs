using System.Text;

namespace LuceneReco.Index.Analysis;

/// <summary>
/// Streaming form of Lucene's CJKBigramFilter (default flags, no unigrams): the code points of
/// adjacent Han / Hiragana / Katakana / Hangul tokens (no gap between their offsets) form
/// overlapping bigrams; a CJK character with no CJK neighbour comes out alone. Only the last
/// code point is kept, so nothing is buffered per token.
/// </summary>
internal struct CjkBigrammer
{
    private int _last;          // last CJK code point, -1 after a reset
    private int _lastEnd;       // end offset of the last CJK token (Lucene starts it at 0)
    private bool _lone;         // _last is the only code point since the reset: a unigram unless a neighbour follows

    public CjkBigrammer()
    {
        _last = -1;
        _lastEnd = 0;
        _lone = false;
    }

    /// <summary>Types the bigram filter works on.</summary>
    public static bool IsCjk(TokenType type)
        => type is TokenType.Ideographic or TokenType.Hiragana or TokenType.Katakana or TokenType.Hangul;

    /// <summary>Feeds a CJK token spanning [<paramref name="start"/>, <paramref name="end"/>) of the input; emits the grams it completes.</summary>
    public void AddCjk(ReadOnlySpan<char> term, int start, int end, ITokenConsumer consumer, ref int position)
    {
        if (start != _lastEnd) FlushLone(consumer, ref position);
        Span<char> gram = stackalloc char[4];
        for (int i = 0; i < term.Length;)
        {
            int cp = UnicodeProps.CodePointAt(term, i, out int len);
            i += len;
            if (_last < 0)
            {
                _last = cp;
                _lone = true;
                continue;
            }
            int n = new Rune(_last).EncodeToUtf16(gram);
            n += new Rune(cp).EncodeToUtf16(gram[n..]);
            consumer.OnToken(gram[..n], ++position);
            _last = cp;
            _lone = false;
        }
        _lastEnd = end;
    }

    /// <summary>A non-CJK token or the end of input: a pending lone character is emitted as a unigram, and bigramming restarts.</summary>
    public void FlushLone(ITokenConsumer consumer, ref int position)
    {
        if (_lone)
        {
            Span<char> gram = stackalloc char[2];
            int n = new Rune(_last).EncodeToUtf16(gram);
            consumer.OnToken(gram[..n], ++position);
        }
        _last = -1;
        _lone = false;
    }
}
