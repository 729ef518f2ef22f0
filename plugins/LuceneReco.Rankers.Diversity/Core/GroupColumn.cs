namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// One attribute of a request's candidates as group ids: <c>Values[i]</c> lists candidate i's distinct groups (ascending).
/// Every candidate has at least one: a candidate without the attribute is given a group of its own, which no other
/// candidate shares. Ids are below <see cref="GroupCount"/>.
/// </summary>
/// <param name="Values">Per candidate, its groups.</param>
/// <param name="GroupCount">One more than the largest id.</param>
/// <param name="Missing">Per candidate, whether its group is one of its own (it has no value).</param>
internal sealed record GroupColumn(int[][] Values, int GroupCount, bool[] Missing);
