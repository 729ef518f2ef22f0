namespace LuceneReco.Index.Analysis;

/// <summary>
/// Longest match of the EMOJI rule of Lucene 8.7's StandardTokenizer grammar (itself the UTS#51
/// emoji_sequence): emoji characters with presentation selectors, modifier sequences, ZWJ
/// sequences, tag sequences, keycaps and regional-indicator pairs. Simulated as a small NFA
/// whose state set is a bit mask, so no backtracking is needed.
/// </summary>
internal static class EmojiMatcher
{
    // NFA states. "Ex" absorption is X' = Extend | Format | ZWJ, minus the presentation selectors FE0E/FE0F
    // (regional indicators absorb the full X = Extend | Format | ZWJ, as in the grammar).
    private const int Start = 1 << 0;        // expecting an emoji element (after optional ZWJs)
    private const int Char = 1 << 1;         // after EmojiChar X'*                     (accepting)
    private const int PresSel = 1 << 2;      // after EmojiChar X'* FE0F                (accepting)
    private const int Base = 1 << 3;         // after ModifierBase X'*, needs a modifier
    private const int Mod = 1 << 4;          // after Modifier X'*                      (accepting)
    private const int Tag = 1 << 5;          // inside tag_spec
    private const int TagEnd = 1 << 6;       // after tag_term                           (accepting)
    private const int KeyBase = 1 << 7;      // after [0-9#*] X'*
    private const int KeyPres = 1 << 8;      // after [0-9#*] X'* FE0F
    private const int KeyCap = 1 << 9;       // after ... 20E3 X'*                       (accepting)
    private const int Ri1 = 1 << 10;         // after one regional indicator
    private const int Ri2 = 1 << 11;         // after two regional indicators            (accepting)
    private const int Accepting = Char | PresSel | Mod | TagEnd | KeyCap | Ri2;

    /// <summary>True when <paramref name="cp"/> can begin an emoji sequence, so <see cref="Match"/> is worth calling.</summary>
    public static bool CanStart(int cp, int props)
        => (props & UnicodeProps.AnyEmojiFlag) != 0
           || (props & UnicodeProps.WbMask) is UnicodeProps.Zwj or UnicodeProps.RegionalIndicator
           || IsKeyCapBase(cp);

    /// <summary>Length in chars of the longest emoji sequence at the start of <paramref name="text"/>, 0 if none.</summary>
    public static int Match(ReadOnlySpan<char> text)
    {
        int states = Start;
        int pos = 0, accepted = 0;
        bool first = true;
        while (pos < text.Length && states != 0)
        {
            int cp = UnicodeProps.CodePointAt(text, pos, out int len);
            int props = UnicodeProps.Get(cp);
            states = Step(states, cp, props, first);
            first = false;
            pos += len;
            if ((states & Accepting) != 0) accepted = pos;
        }
        return accepted;
    }

    private static int Step(int states, int cp, int props, bool first)
    {
        int wb = props & UnicodeProps.WbMask;
        bool zwj = wb == UnicodeProps.Zwj;
        bool x = wb is UnicodeProps.Extend or UnicodeProps.Format or UnicodeProps.Zwj;
        bool xPrime = x && cp != 0xFE0E && cp != 0xFE0F;
        bool tagSpec = cp is >= 0xE0020 and <= 0xE007E;
        int next = 0;
        if ((states & Start) != 0)
        {
            if (zwj) next |= Start;
            if ((props & UnicodeProps.EmojiCharFlag) != 0) next |= Char;
            if ((props & UnicodeProps.EmojiModifierBaseFlag) != 0) next |= Base;
            if ((props & UnicodeProps.EmojiModifierFlag) != 0) next |= Mod;
            if (first && IsKeyCapBase(cp)) next |= KeyBase;
            if (first && wb == UnicodeProps.RegionalIndicator) next |= Ri1;
        }
        if ((states & Char) != 0)
        {
            if (xPrime) next |= Char;
            if (cp == 0xFE0F) next |= PresSel;
        }
        if ((states & Base) != 0)
        {
            if (xPrime) next |= Base;
            if ((props & UnicodeProps.EmojiModifierFlag) != 0) next |= Mod;
        }
        if ((states & Mod) != 0 && xPrime) next |= Mod;
        if ((states & (Char | PresSel | Mod)) != 0)
        {
            if (zwj) next |= Start;
            if (tagSpec) next |= Tag;
        }
        if ((states & Tag) != 0)
        {
            if (tagSpec) next |= Tag;
            if (cp == 0xE007F) next |= TagEnd;
        }
        if ((states & KeyBase) != 0)
        {
            if (xPrime) next |= KeyBase;
            if (cp == 0xFE0F) next |= KeyPres;
        }
        if ((states & (KeyBase | KeyPres)) != 0 && cp == 0x20E3) next |= KeyCap;
        if ((states & KeyCap) != 0 && xPrime) next |= KeyCap;
        if ((states & Ri1) != 0)
        {
            if (x) next |= Ri1;
            if (wb == UnicodeProps.RegionalIndicator) next |= Ri2;
        }
        if ((states & Ri2) != 0 && x) next |= Ri2;
        return next;
    }

    private static bool IsKeyCapBase(int cp) => cp is (>= '0' and <= '9') or '#' or '*';
}
