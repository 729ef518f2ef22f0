namespace LuceneReco.Host.Experiments;

/// <summary>
/// Merges the control's ranking (A) with the candidate's (B) into one list a user sees, so that clicks say which of the two
/// the user prefers (<see cref="InterleavingCredit"/>). Pure and deterministic: the coin flips come from <c>seed</c>
/// (<see cref="ExperimentHash"/>), so a user and session always get the same list from the same two rankings. An item is
/// shown once, however many times the inputs hold it. When one input runs out, the other fills the remaining places, so the
/// list is as long as both allow (at most <c>length</c>).
/// </summary>
internal static class Interleaving
{
    /// <summary>Interleaves <paramref name="a"/> and <paramref name="b"/> by <paramref name="method"/>.</summary>
    public static InterleavedList Interleave(InterleavingMethod method, IReadOnlyList<string> a, IReadOnlyList<string> b, int length, ulong seed) =>
        method == InterleavingMethod.Balanced ? Balanced(a, b, length, seed) : TeamDraft(a, b, length, seed);

    /// <summary>
    /// Team-draft interleaving (Radlinski, Kurup &amp; Joachims 2008): like two captains picking players, in each round the team
    /// with fewer picks (a coin decides when they are even) adds its best item not yet shown, and the item counts for that team.
    /// Each team holds half the places (one more at most) in every prefix while both have items left.
    /// </summary>
    public static InterleavedList TeamDraft(IReadOnlyList<string> a, IReadOnlyList<string> b, int length, ulong seed)
    {
        Check(a, b, length);
        var builder = new Builder(a, b, length);
        int nextA = 0, nextB = 0, teamA = 0, teamB = 0;
        ulong state = seed;
        while (!builder.Full)
        {
            nextA = builder.SkipShown(a, nextA);
            nextB = builder.SkipShown(b, nextB);
            bool aLeft = nextA < a.Count, bLeft = nextB < b.Count;
            if (!aLeft && !bLeft) break;
            bool pickA = teamA < teamB || (teamA == teamB && ExperimentHash.Coin(ref state));
            if (pickA && !aLeft) pickA = false; // A has nothing left: B fills the place
            else if (!pickA && !bLeft) pickA = true;
            if (pickA) { builder.Add(a[nextA++], Variant.A); teamA++; }
            else { builder.Add(b[nextB++], Variant.B); teamB++; }
        }
        return builder.Build();
    }

    /// <summary>
    /// Balanced interleaving (Joachims 2002): one coin decides which list goes first; then the list whose pointer is behind
    /// (the first on a tie) offers its next item, added unless already shown. Every prefix of the result holds the top
    /// <c>ka</c> of A and the top <c>kb</c> of B with <c>|ka - kb| &lt;= 1</c>.
    /// </summary>
    public static InterleavedList Balanced(IReadOnlyList<string> a, IReadOnlyList<string> b, int length, ulong seed)
    {
        Check(a, b, length);
        var builder = new Builder(a, b, length);
        ulong state = seed;
        bool aFirst = ExperimentHash.Coin(ref state);
        int ka = 0, kb = 0;
        while (!builder.Full && (ka < a.Count || kb < b.Count))
        {
            bool takeA = kb >= b.Count || (ka < a.Count && (ka < kb || (ka == kb && aFirst)));
            if (takeA)
            {
                if (!builder.Shown(a[ka])) builder.Add(a[ka], Variant.A);
                ka++;
            }
            else
            {
                if (!builder.Shown(b[kb])) builder.Add(b[kb], Variant.B);
                kb++;
            }
        }
        return builder.Build();
    }

    private static void Check(IReadOnlyList<string> a, IReadOnlyList<string> b, int length)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
    }

    /// <summary>The list being built, with each input's ranks (first occurrence) for the credit.</summary>
    private sealed class Builder
    {
        private readonly int _length;
        private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _rankA, _rankB;
        private readonly List<string> _items = [];
        private readonly List<Variant> _teams = [];

        public Builder(IReadOnlyList<string> a, IReadOnlyList<string> b, int length)
        {
            _length = length;
            _rankA = Ranks(a);
            _rankB = Ranks(b);
        }

        public bool Full => _items.Count >= _length;

        public bool Shown(string item) => _shown.Contains(item);

        /// <summary>The first index at or after <paramref name="from"/> whose item is not shown yet (the list's length when none).</summary>
        public int SkipShown(IReadOnlyList<string> list, int from)
        {
            while (from < list.Count && _shown.Contains(list[from])) from++;
            return from;
        }

        public void Add(string item, Variant team)
        {
            _shown.Add(item);
            _items.Add(item);
            _teams.Add(team);
        }

        public InterleavedList Build()
        {
            var rankA = new int[_items.Count];
            var rankB = new int[_items.Count];
            for (int i = 0; i < _items.Count; i++)
            {
                rankA[i] = _rankA.GetValueOrDefault(_items[i]);
                rankB[i] = _rankB.GetValueOrDefault(_items[i]);
            }
            return new InterleavedList(_items.ToArray(), _teams.ToArray(), rankA, rankB);
        }

        private static Dictionary<string, int> Ranks(IReadOnlyList<string> list)
        {
            var ranks = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
            for (int i = 0; i < list.Count; i++)
            {
                ArgumentNullException.ThrowIfNull(list[i], "item id");
                ranks.TryAdd(list[i], i + 1);
            }
            return ranks;
        }
    }
}
