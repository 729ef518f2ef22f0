namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The FA*IR reranking walk (Zehlike et al. 2017, algorithm 2), for one or more protected groups: for positions i = 1..k,
/// when some protected group g holds fewer than <c>m_g(i)</c> of the top i, the best remaining candidate of such a group
/// takes position i; otherwise the best remaining candidate of any group does. "Best" is the incoming order. After k the
/// rest follow in incoming order. With one group this lazy walk meets every prefix whenever enough protected candidates
/// exist (m grows by at most one per prefix). With several groups two of them can need the same position; the walk then
/// looks ahead: if the demands still to be met by some prefix j fill every position up to j, position i must serve a group,
/// and it serves the one whose next minimum falls due first (earliest deadline first, which meets every prefix whenever
/// any ranking can). A group whose candidates have run out is left short and the positions go to the others.
/// </summary>
internal static class FairReranker
{
    /// <summary>
    /// The new order as indices into the incoming list. <paramref name="groups"/>[c] is candidate c's group: 0 unprotected,
    /// g = 1..G protected with table <paramref name="tables"/>[g - 1]. <paramref name="forcedGroup"/>[i] is set to the group a
    /// constraint made position i serve (0 when the position went to the best candidate).
    /// </summary>
    public static int[] Rerank(ReadOnlySpan<int> groups, int k, IReadOnlyList<MTable> tables, Span<int> forcedGroup)
    {
        int n = groups.Length, groupCount = tables.Count;
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 0 to the candidate count {n}");
        if (forcedGroup.Length < n) throw new ArgumentOutOfRangeException(nameof(forcedGroup), forcedGroup.Length, $"forcedGroup must hold at least {n} positions");

        // Each group's candidates in incoming order, as one array sliced by group (counting sort).
        var start = new int[groupCount + 2];
        foreach (int g in groups)
        {
            if ((uint)g > (uint)groupCount) throw new ArgumentOutOfRangeException(nameof(groups), g, $"groups must be 0 to {groupCount}");
            start[g + 1]++;
        }
        for (int g = 0; g <= groupCount; g++) start[g + 1] += start[g];
        var members = new int[n];
        var head = new int[groupCount + 1];
        Array.Copy(start, head, groupCount + 1);
        for (int c = 0; c < n; c++) members[head[groups[c]]++] = c;
        Array.Copy(start, head, groupCount + 1);

        var counts = new int[groupCount + 1];
        var order = new int[n];
        var used = new bool[n];
        int taken = 0;
        for (int i = 1; i <= k; i++)
        {
            int serve = groupCount == 1 ? ShortSingle(tables[0], i, counts, head, start) : ShortEarliest(tables, i, k, counts, head, start, members);
            int g = serve > 0 ? serve : BestGroup(head, start, groupCount, members);
            int c = members[head[g]++];
            order[taken] = c;
            forcedGroup[taken] = serve > 0 && !IsBest(c, head, start, groupCount, members) ? serve : 0;
            taken++;
            used[c] = true;
            counts[g]++;
        }
        for (int c = 0; c < n; c++)
            if (!used[c]) { forcedGroup[taken] = 0; order[taken++] = c; }
        return order;
    }

    /// <summary>1 when the protected group is below m(i) and has candidates left, else 0.</summary>
    private static int ShortSingle(MTable table, int i, int[] counts, int[] head, int[] start) =>
        counts[1] < table.MinimumAt(i) && head[1] < start[2] ? 1 : 0;

    /// <summary>The group position i must serve (earliest unmet deadline among groups with candidates left, ties to the better candidate), or 0.</summary>
    private static int ShortEarliest(IReadOnlyList<MTable> tables, int i, int k, int[] counts, int[] head, int[] start, int[] members)
    {
        int groupCount = tables.Count;
        int earliestGroup = 0, earliestDeadline = int.MaxValue;
        bool mustServe = false;
        for (int j = i; j <= k && !mustServe; j++)
        {
            int need = 0;
            for (int g = 1; g <= groupCount; g++)
            {
                int left = start[g + 1] - head[g];
                int owed = Math.Min(tables[g - 1].MinimumAt(j) - counts[g], left);
                if (owed <= 0) continue;
                need += owed;
                if (j < earliestDeadline || (j == earliestDeadline && members[head[g]] < members[head[earliestGroup]]))
                {
                    earliestDeadline = j;
                    earliestGroup = g;
                }
            }
            if (need >= j - i + 1) mustServe = true;
        }
        return mustServe ? earliestGroup : 0;
    }

    private static int BestGroup(int[] head, int[] start, int groupCount, int[] members)
    {
        int best = -1, bestIndex = int.MaxValue;
        for (int g = 0; g <= groupCount; g++)
        {
            if (head[g] < start[g + 1] && members[head[g]] < bestIndex)
            {
                bestIndex = members[head[g]];
                best = g;
            }
        }
        return best;
    }

    /// <summary>Whether candidate c (just taken) came before every candidate still waiting: then no constraint moved it.</summary>
    private static bool IsBest(int c, int[] head, int[] start, int groupCount, int[] members)
    {
        for (int g = 0; g <= groupCount; g++)
            if (head[g] < start[g + 1] && members[head[g]] < c) return false;
        return true;
    }
}
