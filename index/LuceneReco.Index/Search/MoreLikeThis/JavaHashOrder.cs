namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>
/// The order in which a Java <c>HashMap&lt;String, ?&gt;</c> filled with keys in a given order iterates
/// them: by bucket <c>(h ^ h &gt;&gt;&gt; 16) &amp; (capacity - 1)</c> of <c>String.hashCode</c>, then by insertion.
/// Lucene's MoreLikeThis visits candidate terms in this order and keeps the first of equal scores, so
/// following it makes our term selection break ties exactly as Lucene does.
/// </summary>
internal static class JavaHashOrder
{
    /// <summary>Java's <c>String.hashCode</c>: <c>s[0]*31^(n-1) + ... + s[n-1]</c> over UTF-16 units, wrapping.</summary>
    public static int StringHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }

    /// <summary>The indices of <paramref name="keys"/> (distinct, in insertion order) in Java iteration order.</summary>
    /// <param name="keys">The keys in the order they were inserted.</param>
    /// <param name="headInsertion">
    /// True for a map filled with <c>computeIfAbsent</c>, which puts a new key at the head of its bucket
    /// (so keys sharing a bucket iterate newest first); false for <c>put</c>, which appends.
    /// </param>
    public static int[] Order(IReadOnlyList<string> keys, bool headInsertion = false)
    {
        int n = keys.Count;
        int capacity = 16; // default capacity; doubles when size passes 0.75 * capacity
        while (n > capacity / 4 * 3) capacity <<= 1;
        var bucket = new int[n];
        for (int i = 0; i < n; i++)
        {
            int h = StringHash(keys[i]);
            bucket[i] = (h ^ (h >>> 16)) & (capacity - 1);
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => bucket[a] != bucket[b] ? bucket[a].CompareTo(bucket[b]) : headInsertion ? b.CompareTo(a) : a.CompareTo(b));
        return order;
    }
}
