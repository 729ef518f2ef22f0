namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// TreeSHAP, the polynomial-time path algorithm of Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution
/// for Tree Ensembles" (2018), Algorithm 2: one walk down each tree keeps, for the path of distinct features taken so far,
/// the weight of every subset size; a leaf adds its value to each feature on the path by that feature's unwound weight.
/// The "zero" fraction of a split is the share of training cover that went down the branch, the "one" fraction is 1 on the
/// branch the row takes (missing values take the default branch) and 0 on the other. Per row and tree the cost is
/// O(leaves x depth^2). The contributions of a row sum to <c>margin - expected margin</c>, where the expected margin is
/// <see cref="TreeEnsemble.ExpectedMargin"/>.
/// </summary>
internal static class TreeShap
{
    /// <summary>One entry of the path: the feature split on, the zero and one fractions, and the subset-size weight.</summary>
    private struct PathElement
    {
        public int Feature;
        public double Zero;
        public double One;
        public double Weight;
    }

    /// <summary>Adds every tree's contributions for <paramref name="row"/> to <paramref name="phi"/> (one slot per feature).</summary>
    public static void Explain(TreeEnsemble ensemble, ReadOnlySpan<double> row, Span<double> phi)
    {
        int depth = ensemble.MaxDepth;
        // each level of the recursion keeps its own copy of the path, one longer than its parent's
        var buffer = new PathElement[(depth + 2) * (depth + 3) / 2];
        foreach (int root in ensemble.Roots)
            Recurse(ensemble, row, phi, buffer, root, parentStart: 0, parentLength: 0, zero: 1, one: 1, feature: -1);
    }

    private static void Recurse(TreeEnsemble e, ReadOnlySpan<double> row, Span<double> phi, PathElement[] buffer, int node,
        int parentStart, int parentLength, double zero, double one, int feature)
    {
        int start = parentStart + parentLength;
        Array.Copy(buffer, parentStart, buffer, start, parentLength);
        Span<PathElement> path = buffer.AsSpan(start);
        int length = Extend(path, parentLength, zero, one, feature);

        TreeNode n = e.Nodes[node];
        if (n.IsLeaf)
        {
            double value = e.Values[node];
            for (int i = 1; i < length; i++)
                phi[path[i].Feature] += UnwoundSum(path, length, i) * (path[i].One - path[i].Zero) * value;
            return;
        }

        int hot = n.Next(row[n.Feature]);
        int cold = hot == n.First ? n.First + 1 : n.First;
        double cover = e.Covers[node];
        double incomingZero = 1, incomingOne = 1;
        // a feature split on again: undo its earlier entry and carry its fractions into this split's
        for (int k = 1; k < length; k++)
        {
            if (path[k].Feature != n.Feature) continue;
            incomingZero = path[k].Zero;
            incomingOne = path[k].One;
            length = Unwind(path, length, k);
            break;
        }
        Recurse(e, row, phi, buffer, hot, start, length, incomingZero * TreeEnsemble.Fraction(e.Covers[hot], cover), incomingOne, n.Feature);
        // a branch the row does not take and no training data took has every subset weight 0: nothing to add
        double coldZero = incomingZero * TreeEnsemble.Fraction(e.Covers[cold], cover);
        if (coldZero != 0) Recurse(e, row, phi, buffer, cold, start, length, coldZero, 0, n.Feature);
    }

    /// <summary>1/k for the path lengths and positions that occur (divisions are the slow part of the weight updates).</summary>
    private static readonly double[] Reciprocal = Reciprocals(TreeEnsembleBuilder.MaxDepth + 3);

    /// <summary>Appends (feature, zero, one) to a path of <paramref name="length"/> entries and updates the subset weights; returns the new length.</summary>
    private static int Extend(Span<PathElement> path, int length, double zero, double one, int feature)
    {
        path[length] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = length == 0 ? 1 : 0 };
        double inv = Reciprocal[length + 1];
        for (int i = length - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) * inv;
            path[i].Weight = zero * path[i].Weight * (length - i) * inv;
        }
        return length + 1;
    }

    /// <summary>Removes entry <paramref name="index"/> from the path, undoing its <see cref="Extend"/>; returns the new length.</summary>
    private static int Unwind(Span<PathElement> path, int length, int index)
    {
        double one = path[index].One, zero = path[index].Zero;
        double next = path[length - 1].Weight;
        double invLength = Reciprocal[length];
        for (int j = length - 2; j >= 0; j--)
        {
            if (one != 0)
            {
                double old = path[j].Weight;
                path[j].Weight = next * length * Reciprocal[j + 1] / one;
                next = old - path[j].Weight * zero * (length - 1 - j) * invLength;
            }
            else
            {
                path[j].Weight = path[j].Weight * length * Reciprocal[length - 1 - j] / zero;
            }
        }
        for (int j = index; j < length - 1; j++)
        {
            path[j].Feature = path[j + 1].Feature;
            path[j].Zero = path[j + 1].Zero;
            path[j].One = path[j + 1].One;
        }
        return length - 1;
    }

    /// <summary>The total weight the path would have with entry <paramref name="index"/> unwound, without changing the path.</summary>
    private static double UnwoundSum(Span<PathElement> path, int length, int index)
    {
        double one = path[index].One, zero = path[index].Zero;
        double next = path[length - 1].Weight, total = 0;
        if (one != 0)
        {
            double lengthOverOne = length / one, zeroOverLength = zero * Reciprocal[length];
            for (int j = length - 2; j >= 0; j--)
            {
                double w = next * lengthOverOne * Reciprocal[j + 1];
                total += w;
                next = path[j].Weight - w * zeroOverLength * (length - 1 - j);
            }
        }
        else
        {
            double lengthOverZero = length / zero;
            for (int j = length - 2; j >= 0; j--) total += path[j].Weight * lengthOverZero * Reciprocal[length - 1 - j];
        }
        return total;
    }

    private static double[] Reciprocals(int n)
    {
        var r = new double[n + 1];
        for (int k = 1; k <= n; k++) r[k] = 1.0 / k;
        return r;
    }
}
