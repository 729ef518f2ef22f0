namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// Greedy per-attribute caps and minimum coverage. Walks the places from the top; at each place it takes the best
/// candidate left (lowest index) that breaks no cap. When a coverage rule can only still be met if this place adds one
/// of its missing groups (missing groups = places left in its window), it instead takes the best candidate adding one,
/// preferring one that keeps the caps, and serving as many urgent rules at once as it can. When no candidate keeps the
/// caps, the best one left is placed anyway, so the list never loses an item. O(n) per place, O(n^2) at most.
/// </summary>
internal static class ConstraintReorder
{
    /// <summary>Orders <paramref name="n"/> candidates (given best first) under the rules.</summary>
    /// <returns>The new order (candidate indices) and, per candidate, how it was placed.</returns>
    public static (int[] Order, Placement[] Placements) Apply(int n, IReadOnlyList<CapConstraint> caps, IReadOnlyList<CoverageConstraint> coverage, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(coverage);
        foreach (CapConstraint cap in caps)
        {
            if (cap.Groups.Values.Length != n) throw new ArgumentOutOfRangeException(nameof(caps), cap.Groups.Values.Length, $"each cap must cover the {n} candidates");
            if (cap.Max < 1 || cap.Within < 1) throw new ArgumentOutOfRangeException(nameof(caps), $"max {cap.Max} and within {cap.Within} must both be at least 1");
        }
        foreach (CoverageConstraint rule in coverage)
        {
            if (rule.Groups.Values.Length != n) throw new ArgumentOutOfRangeException(nameof(coverage), rule.Groups.Values.Length, $"each coverage rule must cover the {n} candidates");
            if (rule.Min < 0 || rule.Within < 1) throw new ArgumentOutOfRangeException(nameof(coverage), $"min {rule.Min} must be at least 0 and within {rule.Within} at least 1");
        }

        var counts = new int[caps.Count][];
        for (int r = 0; r < caps.Count; r++) counts[r] = new int[caps[r].Groups.GroupCount];
        var covered = new bool[coverage.Count][];
        var distinct = new int[coverage.Count];
        for (int r = 0; r < coverage.Count; r++) covered[r] = new bool[coverage[r].Groups.GroupCount];

        var placements = new Placement[n];
        for (int i = 0; i < n; i++) placements[i] = new Placement(PlacementKind.Best, -1, -1, 0, -1, -1);
        var left = new List<int>(n);
        for (int i = 0; i < n; i++) left.Add(i);
        var order = new int[n];
        var urgent = new bool[coverage.Count];

        for (int place = 0; place < n; place++)
        {
            if ((place & 63) == 0) cancellation.ThrowIfCancellationRequested();
            bool anyUrgent = false;
            for (int r = 0; r < coverage.Count; r++)
            {
                CoverageConstraint rule = coverage[r];
                urgent[r] = place < rule.Within && distinct[r] < rule.Min && rule.Min - distinct[r] >= rule.Within - place;
                anyUrgent |= urgent[r];
            }

            int chosenSlot = -1, bestServed = -1;
            bool bestKeeps = false;
            for (int s = 0; s < left.Count; s++)
            {
                int i = left[s];
                bool keeps = KeepsCaps(i, place, caps, counts, out _, out _);
                int served = anyUrgent ? Serves(i, coverage, covered, urgent) : 0;
                if (chosenSlot < 0 || (keeps && !bestKeeps) || (keeps == bestKeeps && served > bestServed))
                {
                    chosenSlot = s;
                    bestKeeps = keeps;
                    bestServed = served;
                }
                if (!anyUrgent && keeps) break; // the best keeper; nothing later can beat it
            }

            // The candidates passed over at this place: those a cap held back say which one, the first time.
            for (int s = 0; s < chosenSlot; s++)
            {
                int i = left[s];
                if (placements[i].BlockedRule < 0 && !KeepsCaps(i, place, caps, counts, out int rule, out int group))
                    placements[i] = placements[i] with { BlockedRule = rule, BlockedGroup = group };
            }
            int chosen = left[chosenSlot];
            left.RemoveAt(chosenSlot);
            order[place] = chosen;
            Placement was = placements[chosen];
            if (anyUrgent && bestServed > 0)
            {
                (int rule, int group) = FirstServed(chosen, coverage, covered, urgent);
                placements[chosen] = was with { Kind = PlacementKind.Coverage, CoverageRule = rule, CoverageGroup = group, CoverageCount = distinct[rule] + 1 };
            }
            else if (!bestKeeps)
            {
                placements[chosen] = was with { Kind = PlacementKind.Relaxed };
            }

            for (int r = 0; r < caps.Count; r++)
                foreach (int g in caps[r].Groups.Values[chosen]) counts[r][g]++;
            for (int r = 0; r < coverage.Count; r++)
                foreach (int g in coverage[r].Groups.Values[chosen])
                    if (!covered[r][g]) { covered[r][g] = true; distinct[r]++; }
        }
        return (order, placements);
    }

    /// <summary>Whether placing <paramref name="i"/> at <paramref name="place"/> keeps every cap; if not, the first cap it breaks and for which group.</summary>
    private static bool KeepsCaps(int i, int place, IReadOnlyList<CapConstraint> caps, int[][] counts, out int brokenRule, out int brokenGroup)
    {
        brokenRule = brokenGroup = -1;
        for (int r = 0; r < caps.Count; r++)
        {
            if (place >= caps[r].Within) continue;
            foreach (int g in caps[r].Groups.Values[i])
            {
                if (counts[r][g] < caps[r].Max) continue;
                brokenRule = r;
                brokenGroup = g;
                return false;
            }
        }
        return true;
    }

    private static int Serves(int i, IReadOnlyList<CoverageConstraint> coverage, bool[][] covered, bool[] urgent)
    {
        int served = 0;
        for (int r = 0; r < coverage.Count; r++)
        {
            if (!urgent[r]) continue;
            foreach (int g in coverage[r].Groups.Values[i])
                if (!covered[r][g]) { served++; break; }
        }
        return served;
    }

    private static (int Rule, int Group) FirstServed(int i, IReadOnlyList<CoverageConstraint> coverage, bool[][] covered, bool[] urgent)
    {
        for (int r = 0; r < coverage.Count; r++)
        {
            if (!urgent[r]) continue;
            foreach (int g in coverage[r].Groups.Values[i])
                if (!covered[r][g]) return (r, g);
        }
        return (-1, -1);
    }
}
