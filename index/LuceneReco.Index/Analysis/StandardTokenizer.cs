namespace LuceneReco.Index.Analysis;

/// <summary>
/// UAX#29 word segmentation as Lucene 8.7's StandardTokenizer (its JFlex grammar, Unicode 9.0):
/// at each position the longest match among the grammar's rules wins, ties going to the earlier
/// rule (EMOJI, NUM, HANGUL, KATAKANA, ALPHANUM, SOUTHEAST_ASIAN, IDEOGRAPHIC, HIRAGANA); a
/// character no rule matches is skipped. Like Lucene with its default maxTokenLength, no match
/// extends beyond <see cref="MaxTokenLength"/> chars: longer words come out in pieces.
/// Allocation-free: tokens are reported as offsets into the input.
/// </summary>
internal ref struct StandardTokenizer
{
    /// <summary>Lucene's StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH (the scanner's buffer size).</summary>
    public const int MaxTokenLength = 255;

    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public StandardTokenizer(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
    }

    /// <summary>Advances to the next token; false at the end of the text.</summary>
    public bool Next(out int start, out int length, out TokenType type)
    {
        ReadOnlySpan<char> text = _text;
        int pos = _pos;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c < 0x80 && !AsciiCanStart(c, text, pos))
            {
                pos++;
                continue;
            }
            ReadOnlySpan<char> window = text.Slice(pos, Math.Min(MaxTokenLength, text.Length - pos));
            int n = MatchAt(window, out type, out int cpLen);
            if (n > 0)
            {
                start = pos;
                length = n;
                _pos = pos + n;
                return true;
            }
            pos += cpLen;
        }
        _pos = pos;
        start = length = 0;
        type = default;
        return false;
    }

    /// <summary>Letters, digits and '_' start words; '#' and '*' may start a keycap emoji when a non-ASCII char follows.</summary>
    private static bool AsciiCanStart(char c, ReadOnlySpan<char> text, int pos)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_') return true;
        return (c == '#' || c == '*') && pos + 1 < text.Length && text[pos + 1] >= 0x80;
    }

    /// <summary>Longest rule match at the start of <paramref name="window"/>; 0 if none (then skip <paramref name="cpLen"/> chars).</summary>
    private static int MatchAt(ReadOnlySpan<char> window, out TokenType type, out int cpLen)
    {
        int cp = UnicodeProps.CodePointAt(window, 0, out cpLen);
        int props = UnicodeProps.Get(cp);
        int best = 0;
        type = TokenType.AlphaNum;
        // an ASCII character only starts an emoji as a keycap base followed by a non-ASCII mark
        bool tryEmoji = cp >= 0x80 || (!char.IsAsciiLetter((char)cp) && window.Length > 1 && window[1] >= 0x80);
        if (tryEmoji && EmojiMatcher.CanStart(cp, props))
        {
            best = EmojiMatcher.Match(window);
            type = TokenType.Emoji;
        }
        if (WordMatcher.CanStart(props))
        {
            int n = WordMatcher.Match(window, out TokenType wordType);
            if (n > best)
            {
                best = n;
                type = wordType;
            }
        }
        if (cp < 0x80) return best;
        if ((props & UnicodeProps.ComplexContextFlag) != 0)
        {
            int n = MatchComplexContextRun(window);
            if (n > best)
            {
                best = n;
                type = TokenType.SouthEastAsian;
            }
        }
        if ((props & (UnicodeProps.HanFlag | UnicodeProps.HiraganaFlag)) != 0)
        {
            int n = WordMatcher.SkipExtend(window, cpLen);
            if (n > best)
            {
                best = n;
                type = (props & UnicodeProps.HanFlag) != 0 ? TokenType.Ideographic : TokenType.Hiragana;
            }
        }
        return best;
    }

    /// <summary>(Line_Break=Complex_Context X*)+: South-East Asian scripts stay one token.</summary>
    private static int MatchComplexContextRun(ReadOnlySpan<char> window)
    {
        int pos = 0;
        while (pos < window.Length)
        {
            int cp = UnicodeProps.CodePointAt(window, pos, out int len);
            if ((UnicodeProps.Get(cp) & UnicodeProps.ComplexContextFlag) == 0) break;
            pos = WordMatcher.SkipExtend(window, pos + len);
        }
        return pos;
    }
}
