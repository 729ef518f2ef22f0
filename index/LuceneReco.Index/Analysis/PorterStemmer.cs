namespace LuceneReco.Index.Analysis;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer, with exactly the behaviour of Lucene's
/// PorterStemmer / PorterStemFilter (Porter's release 3 plus the "logi" → "log" and "bli" → "ble"
/// rules, words of 1-2 chars left alone, any non a/e/i/o/u/y char counting as a consonant).
/// Works in place on a char span and never lengthens the word, so it allocates nothing.
/// </summary>
public static class PorterStemmer
{
    /// <summary>Stems <paramref name="word"/> (lowercase) in place; returns the stem's length (a prefix of the span).</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2) return word.Length;
        var w = new Word(word);
        w.Step1();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        w.Step6();
        return w.End + 1;
    }

    /// <summary>Writes the stem of <paramref name="word"/> into <paramref name="destination"/> (at least as long) and returns its length.</summary>
    public static int Stem(ReadOnlySpan<char> word, Span<char> destination)
    {
        if (destination.Length < word.Length) throw new ArgumentException("destination is shorter than the word", nameof(destination));
        word.CopyTo(destination);
        return Stem(destination[..word.Length]);
    }

    /// <summary>The stem of <paramref name="word"/> (lowercase) as a string.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        char[] buffer = word.ToCharArray();
        int n = Stem(buffer.AsSpan());
        ReadOnlySpan<char> stem = buffer.AsSpan(0, n);
        return stem.SequenceEqual(word) ? word : new string(stem);
    }

    /// <summary>
    /// The word being stemmed: b[0..k] is the current word, j marks the end of the stem before
    /// the suffix last matched by <see cref="EndsWith"/> (names as in Porter's description).
    /// </summary>
    private ref struct Word
    {
        private readonly Span<char> _b;
        private int _k;
        private int _j;

        public Word(Span<char> b)
        {
            _b = b;
            _k = b.Length - 1;
            _j = 0;
        }

        public readonly int End => _k;

        /// <summary>Consonant: not a, e, i, o, u, and not a y preceded by a consonant.</summary>
        private readonly bool IsConsonant(int i)
            => _b[i] switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' => false,
                'y' => i == 0 || !IsConsonant(i - 1),   // y after a consonant acts as a vowel
                _ => true,
            };

        /// <summary>m = number of VC sequences in b[0..j], for the form [C](VC){m}[V].</summary>
        private readonly int Measure()
        {
            int n = 0, i = 0;
            while (i <= _j && IsConsonant(i)) i++;
            while (true)
            {
                while (i <= _j && !IsConsonant(i)) i++;   // a vowel run
                if (i > _j) return n;
                while (i <= _j && IsConsonant(i)) i++;    // followed by a consonant run
                n++;
                if (i > _j) return n;
            }
        }

        /// <summary>b[0..j] contains a vowel.</summary>
        private readonly bool VowelInStem()
        {
            for (int i = 0; i <= _j; i++)
                if (!IsConsonant(i)) return true;
            return false;
        }

        /// <summary>b[i-1..i] is a double consonant.</summary>
        private readonly bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        /// <summary>b[i-2..i] is consonant-vowel-consonant and b[i] is not w, x or y (cav(e), lov(e), but snow, box, tray).</summary>
        private readonly bool Cvc(int i)
        {
            if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2)) return false;
            char c = _b[i];
            return c != 'w' && c != 'x' && c != 'y';
        }

        /// <summary>b[0..k] ends with <paramref name="suffix"/>; on success j = k - suffix length.</summary>
        private bool EndsWith(string suffix)
        {
            int start = _k - suffix.Length + 1;
            if (start < 0 || !_b.Slice(start, suffix.Length).SequenceEqual(suffix)) return false;
            _j = _k - suffix.Length;
            return true;
        }

        /// <summary>Replaces b[j+1..k] by <paramref name="s"/>.</summary>
        private void SetTo(string s)
        {
            s.CopyTo(_b[(_j + 1)..]);
            _k = _j + s.Length;
        }

        /// <summary>SetTo when m &gt; 0.</summary>
        private void ReplaceIfMeasured(string s)
        {
            if (Measure() > 0) SetTo(s);
        }

        /// <summary>Plurals and -ed / -ing: caresses → caress, ponies → poni, agreed → agree, hopping → hop, hoping → hope.</summary>
        public void Step1()
        {
            if (_b[_k] == 's')
            {
                if (EndsWith("sses")) _k -= 2;
                else if (EndsWith("ies")) SetTo("i");
                else if (_b[_k - 1] != 's') _k--;
            }
            if (EndsWith("eed"))
            {
                if (Measure() > 0) _k--;
            }
            else if ((EndsWith("ed") || EndsWith("ing")) && VowelInStem())
            {
                _k = _j;
                if (EndsWith("at")) SetTo("ate");
                else if (EndsWith("bl")) SetTo("ble");
                else if (EndsWith("iz")) SetTo("ize");
                else if (DoubleConsonant(_k))
                {
                    char c = _b[_k];
                    if (c != 'l' && c != 's' && c != 'z') _k--;
                }
                else if (Measure() == 1 && Cvc(_k)) SetTo("e");
            }
        }

        /// <summary>Terminal y → i when the stem has a vowel: happy → happi.</summary>
        public void Step2()
        {
            if (EndsWith("y") && VowelInStem()) _b[_k] = 'i';
        }

        /// <summary>Double suffixes to single ones when m &gt; 0: relational → relate, -ization → -ize...</summary>
        public void Step3()
        {
            if (_k == 0) return;
            switch (_b[_k - 1])
            {
                case 'a':
                    if (EndsWith("ational")) ReplaceIfMeasured("ate");
                    else if (EndsWith("tional")) ReplaceIfMeasured("tion");
                    break;
                case 'c':
                    if (EndsWith("enci")) ReplaceIfMeasured("ence");
                    else if (EndsWith("anci")) ReplaceIfMeasured("ance");
                    break;
                case 'e':
                    if (EndsWith("izer")) ReplaceIfMeasured("ize");
                    break;
                case 'l':
                    if (EndsWith("bli")) ReplaceIfMeasured("ble");
                    else if (EndsWith("alli")) ReplaceIfMeasured("al");
                    else if (EndsWith("entli")) ReplaceIfMeasured("ent");
                    else if (EndsWith("eli")) ReplaceIfMeasured("e");
                    else if (EndsWith("ousli")) ReplaceIfMeasured("ous");
                    break;
                case 'o':
                    if (EndsWith("ization")) ReplaceIfMeasured("ize");
                    else if (EndsWith("ation")) ReplaceIfMeasured("ate");
                    else if (EndsWith("ator")) ReplaceIfMeasured("ate");
                    break;
                case 's':
                    if (EndsWith("alism")) ReplaceIfMeasured("al");
                    else if (EndsWith("iveness")) ReplaceIfMeasured("ive");
                    else if (EndsWith("fulness")) ReplaceIfMeasured("ful");
                    else if (EndsWith("ousness")) ReplaceIfMeasured("ous");
                    break;
                case 't':
                    if (EndsWith("aliti")) ReplaceIfMeasured("al");
                    else if (EndsWith("iviti")) ReplaceIfMeasured("ive");
                    else if (EndsWith("biliti")) ReplaceIfMeasured("ble");
                    break;
                case 'g':
                    if (EndsWith("logi")) ReplaceIfMeasured("log");
                    break;
            }
        }

        /// <summary>-ic-, -full, -ness etc. when m &gt; 0: triplicate → triplic, hopeful → hope, goodness → good.</summary>
        public void Step4()
        {
            switch (_b[_k])
            {
                case 'e':
                    if (EndsWith("icate")) ReplaceIfMeasured("ic");
                    else if (EndsWith("ative")) ReplaceIfMeasured("");
                    else if (EndsWith("alize")) ReplaceIfMeasured("al");
                    break;
                case 'i':
                    if (EndsWith("iciti")) ReplaceIfMeasured("ic");
                    break;
                case 'l':
                    if (EndsWith("ical")) ReplaceIfMeasured("ic");
                    else if (EndsWith("ful")) ReplaceIfMeasured("");
                    break;
                case 's':
                    if (EndsWith("ness")) ReplaceIfMeasured("");
                    break;
            }
        }

        /// <summary>Removes -ant, -ence, -ement, -ion (after s or t)... when m &gt; 1: revival → reviv, adoption → adopt.</summary>
        public void Step5()
        {
            if (_k == 0) return;
            bool matched = _b[_k - 1] switch
            {
                'a' => EndsWith("al"),
                'c' => EndsWith("ance") || EndsWith("ence"),
                'e' => EndsWith("er"),
                'i' => EndsWith("ic"),
                'l' => EndsWith("able") || EndsWith("ible"),
                'n' => EndsWith("ant") || EndsWith("ement") || EndsWith("ment") || EndsWith("ent"),
                'o' => (EndsWith("ion") && _j >= 0 && (_b[_j] == 's' || _b[_j] == 't')) || EndsWith("ou"),
                's' => EndsWith("ism"),
                't' => EndsWith("ate") || EndsWith("iti"),
                'u' => EndsWith("ous"),
                'v' => EndsWith("ive"),
                'z' => EndsWith("ize"),
                _ => false,
            };
            if (matched && Measure() > 1) _k = _j;
        }

        /// <summary>Removes a final -e when m &gt; 1 (or m = 1 and not *o), and -ll → -l when m &gt; 1: probate → probat, controll → control.</summary>
        public void Step6()
        {
            _j = _k;
            if (_b[_k] == 'e')
            {
                int m = Measure();
                if (m > 1 || (m == 1 && !Cvc(_k - 1))) _k--;
            }
            if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1) _k--;
        }
    }
}
