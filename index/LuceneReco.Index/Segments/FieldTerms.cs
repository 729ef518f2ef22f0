namespace LuceneReco.Index.Segments;

/// <summary>
/// One field's term dictionary in a segment, held in memory as sorted parallel arrays:
/// term i has <c>DocFreq[i]</c> documents, its postings in <c>[DocStart[i], DocStart[i+1])</c> of the
/// segment's .doc bytes and its positions from <c>PosStart[i]</c> in the .pos bytes.
/// </summary>
internal sealed class FieldTerms
{
    private readonly Dictionary<string, int> _ordinals;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FieldTerms(int field, bool hasPositions, string[] terms, int[] docFreq, long[] totalTermFreq,
        long[] docStart, long[] posStart, int docCount, long sumTotalTermFreq)
    {
        Field = field;
        HasPositions = hasPositions;
        Terms = terms;
        DocFreq = docFreq;
        TotalTermFreq = totalTermFreq;
        DocStart = docStart;
        PosStart = posStart;
        DocCount = docCount;
        SumTotalTermFreq = sumTotalTermFreq;
        _ordinals = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (int i = 0; i < terms.Length; i++) _ordinals[terms[i]] = i;
        _lookup = _ordinals.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Field { get; }
    public bool HasPositions { get; }
    public string[] Terms { get; }
    public int[] DocFreq { get; }
    public long[] TotalTermFreq { get; }
    public long[] DocStart { get; }
    public long[] PosStart { get; }

    /// <summary>The largest frequency of term i in any document.</summary>
    public required int[] MaxFreq { get; init; }

    /// <summary>The smallest norm byte (shortest field) among term i's documents; 1 for fields without norms.</summary>
    public required byte[] MinNorm { get; init; }

    /// <summary>Documents with at least one term in this field.</summary>
    public int DocCount { get; }

    /// <summary>Sum of all term frequencies (total field length over documents).</summary>
    public long SumTotalTermFreq { get; }

    /// <summary>The ordinal of <paramref name="term"/>, or -1.</summary>
    public int Ordinal(ReadOnlySpan<char> term) => _lookup.TryGetValue(term, out int o) ? o : -1;
}
