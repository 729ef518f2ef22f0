namespace LuceneReco.Host.Experiments;

/// <summary>Which side the clicks on an interleaved list prefer, by the rule of the method that built it.</summary>
internal static class InterleavingCredit
{
    /// <summary>The preference of <paramref name="clicked"/> (one flag per position of <paramref name="list"/>) under <paramref name="method"/>.</summary>
    public static Preference Of(InterleavingMethod method, InterleavedList list, IReadOnlyList<bool> clicked) =>
        method == InterleavingMethod.Balanced ? Balanced(list.RankA, list.RankB, clicked) : TeamDraft(list.Teams, clicked);

    /// <summary>Team draft: each click counts for the team that picked the item; the side with more clicks wins.</summary>
    public static Preference TeamDraft(IReadOnlyList<Variant> teams, IReadOnlyList<bool> clicked)
    {
        ArgumentNullException.ThrowIfNull(teams);
        CheckLengths(teams.Count, clicked);
        int a = 0, b = 0;
        for (int i = 0; i < teams.Count; i++)
        {
            if (!clicked[i]) continue;
            if (teams[i] == Variant.A) a++;
            else b++;
        }
        return Decide(a, b);
    }

    /// <summary>
    /// Balanced (Joachims 2002): with <c>l</c> the lowest clicked item, <c>k</c> is the better of its ranks in A and B; each
    /// side scores the clicked items within its own top <c>k</c>, and the higher score wins. Ranks are 1-based, 0 meaning
    /// "not in that list".
    /// </summary>
    public static Preference Balanced(IReadOnlyList<int> rankA, IReadOnlyList<int> rankB, IReadOnlyList<bool> clicked)
    {
        ArgumentNullException.ThrowIfNull(rankA);
        ArgumentNullException.ThrowIfNull(rankB);
        if (rankA.Count != rankB.Count)
            throw new ArgumentOutOfRangeException(nameof(rankB), rankB.Count, $"must hold one rank per position, {rankA.Count}");
        CheckLengths(rankA.Count, clicked);
        int lowest = -1;
        for (int i = 0; i < clicked.Count; i++) if (clicked[i]) lowest = i;
        if (lowest < 0) return Preference.NoClick;
        int k = Math.Min(Rank(rankA[lowest]), Rank(rankB[lowest]));
        int a = 0, b = 0;
        for (int i = 0; i <= lowest; i++)
        {
            if (!clicked[i]) continue;
            if (rankA[i] > 0 && rankA[i] <= k) a++;
            if (rankB[i] > 0 && rankB[i] <= k) b++;
        }
        return Decide(a, b);
    }

    private static int Rank(int rank) => rank > 0 ? rank : int.MaxValue;

    private static Preference Decide(int a, int b) =>
        a == 0 && b == 0 ? Preference.NoClick : a > b ? Preference.A : b > a ? Preference.B : Preference.Tie;

    private static void CheckLengths(int positions, IReadOnlyList<bool> clicked)
    {
        ArgumentNullException.ThrowIfNull(clicked);
        if (clicked.Count != positions)
            throw new ArgumentOutOfRangeException(nameof(clicked), clicked.Count, $"must hold one flag per position, {positions}");
    }
}
