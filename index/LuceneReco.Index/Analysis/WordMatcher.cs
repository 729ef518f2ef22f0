namespace LuceneReco.Index.Analysis;

/// <summary>
/// Longest match of the word rules of Lucene 8.7's StandardTokenizer grammar (UAX#29 WB5-WB13b),
/// written as a deterministic automaton over "units" (a character plus the Extend/Format/ZWJ
/// characters it absorbs, WB4). Also decides the token type the grammar would give the match:
/// NUM when the NUMERIC rule matches as far (no letters), HANGUL / KATAKANA when every unit is
/// Hangul / Katakana, ALPHANUM otherwise.
/// </summary>
/// <remarks>
/// The grammar's word is <c>ENL* core (ENL+ core)* ENL*</c> where a core is either a Katakana run
/// <c>K (ENL* K)*</c> or a concatenation of elements <c>HL (SQ | DQ HL)</c>,
/// <c>N ((ENL* | MidNum) N)*</c> and <c>AH ((ENL* | MidLetter) AH)*</c>. The states below
/// remember just enough of that structure: which element the last unit ended.
/// </remarks>
internal static class WordMatcher
{
    private enum State : byte
    {
        /// <summary>Only ExtendNumLet so far, or the last unit was ExtendNumLet.</summary>
        Connector,
        /// <summary>Last unit was a letter inside a letter element: MidLetter may join the next letter.</summary>
        Letter,
        /// <summary>Last unit was a digit inside a number element: MidNum may join the next digit.</summary>
        Number,
        /// <summary>Last unit was Katakana.</summary>
        Katakana,
        /// <summary>A Hebrew quote element just ended: a new letter or number element may follow directly.</summary>
        ElementEnd,
    }

    /// <summary>Is <paramref name="props"/> a character that can begin a word (ALetter, Hebrew, Numeric, Katakana, ExtendNumLet)?</summary>
    public static bool CanStart(int props)
        => (props & UnicodeProps.WbMask) is UnicodeProps.ALetter or UnicodeProps.HebrewLetter
            or UnicodeProps.Numeric or UnicodeProps.Katakana or UnicodeProps.ExtendNumLet;

    /// <summary>Length in chars of the longest word at the start of <paramref name="text"/> (0 if none) and its type.</summary>
    public static int Match(ReadOnlySpan<char> text, out TokenType type)
    {
        var state = State.Connector;
        bool sawCore = false, lastHebrew = false;
        bool anyLetter = false, allHangul = true, allKatakana = true;
        int pos = 0, accepted = 0;
        type = TokenType.AlphaNum;
        while (pos < text.Length)
        {
            int cp = UnicodeProps.CodePointAt(text, pos, out int len);
            int props = UnicodeProps.Get(cp);
            int wb = props & UnicodeProps.WbMask;
            int unitEnd = SkipExtend(text, pos + len);
            bool isLetter = wb is UnicodeProps.ALetter or UnicodeProps.HebrewLetter;
            if (isLetter && state != State.Katakana)
            {
                state = State.Letter;
                lastHebrew = wb == UnicodeProps.HebrewLetter;
                anyLetter = true;
                allKatakana = false;
                allHangul &= (props & UnicodeProps.HangulFlag) != 0;
            }
            else if (wb == UnicodeProps.Numeric && state != State.Katakana)
            {
                state = State.Number;
                allHangul = allKatakana = false;
            }
            else if (wb == UnicodeProps.Katakana && state is State.Connector or State.Katakana)
            {
                state = State.Katakana;
                anyLetter = true;
                allHangul = false;
            }
            else if (wb == UnicodeProps.ExtendNumLet)
            {
                state = State.Connector;
                allHangul = allKatakana = false;
            }
            else if (state == State.Letter && lastHebrew && wb == UnicodeProps.SingleQuote)
            {
                state = State.ElementEnd;   // WB7a: Hebrew_Letter × Single_Quote
                allHangul = allKatakana = false;
            }
            else if (state == State.Letter && lastHebrew && wb == UnicodeProps.DoubleQuote)
            {
                // WB7b/c: Hebrew_Letter × Double_Quote Hebrew_Letter
                if (!NextIs(text, unitEnd, UnicodeProps.HebrewLetter, UnicodeProps.HebrewLetter, out unitEnd)) break;
                state = State.ElementEnd;
                allHangul = allKatakana = false;
            }
            else if (state == State.Letter && wb is UnicodeProps.MidLetter or UnicodeProps.MidNumLet or UnicodeProps.SingleQuote)
            {
                // WB6/WB7: AHLetter × (MidLetter | MidNumLetQ) AHLetter
                if (!NextIs(text, unitEnd, UnicodeProps.ALetter, UnicodeProps.HebrewLetter, out unitEnd, out lastHebrew)) break;
                allHangul = allKatakana = false;
            }
            else if (state == State.Number && wb is UnicodeProps.MidNum or UnicodeProps.MidNumLet or UnicodeProps.SingleQuote)
            {
                // WB11/WB12: Numeric × (MidNum | MidNumLetQ) Numeric
                if (!NextIs(text, unitEnd, UnicodeProps.Numeric, UnicodeProps.Numeric, out unitEnd)) break;
                allHangul = allKatakana = false;
            }
            else
            {
                break;
            }
            pos = unitEnd;
            sawCore |= state != State.Connector;
            if (sawCore)
            {
                accepted = pos;
                type = !anyLetter ? TokenType.Num
                    : allHangul ? TokenType.Hangul
                    : allKatakana ? TokenType.Katakana
                    : TokenType.AlphaNum;
            }
        }
        return accepted;
    }

    /// <summary>Index after the Extend/Format/ZWJ characters starting at <paramref name="pos"/> (WB4).</summary>
    public static int SkipExtend(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c < 0x300 && c != 0xAD) return pos;   // no Extend/Format/ZWJ below U+0300 except the soft hyphen
            int cp = UnicodeProps.CodePointAt(text, pos, out int len);
            if (!UnicodeProps.IsExtFmtZwj(UnicodeProps.Get(cp))) return pos;
            pos += len;
        }
        return pos;
    }

    private static bool NextIs(ReadOnlySpan<char> text, int pos, int wbA, int wbB, out int unitEnd)
        => NextIs(text, pos, wbA, wbB, out unitEnd, out _);

    private static bool NextIs(ReadOnlySpan<char> text, int pos, int wbA, int wbB, out int unitEnd, out bool isHebrew)
    {
        unitEnd = pos;
        isHebrew = false;
        if (pos >= text.Length) return false;
        int cp = UnicodeProps.CodePointAt(text, pos, out int len);
        int wb = UnicodeProps.Get(cp) & UnicodeProps.WbMask;
        if (wb != wbA && wb != wbB) return false;
        isHebrew = wb == UnicodeProps.HebrewLetter;
        unitEnd = SkipExtend(text, pos + len);
        return true;
    }
}
