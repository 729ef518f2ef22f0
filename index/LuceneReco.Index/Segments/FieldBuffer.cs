
namespace LuceneReco.Index.Segments;

/// <summary>
/// The in-memory inverted form of one indexed field of the documents buffered since the last flush.
/// Each (document, term) pair is one entry with its frequency and the start of its positions; entries
/// are appended in document order, so a stable counting sort by term gives the postings at flush.
/// </summary>
internal sealed class FieldBuffer
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _terms = new();
    private GrowableArray<int> _entryTerm = new(1024), _entryFreq = new(1024), _entryPos = new(1024);
    private GrowableArray<int> _positions = new(4096);
    private GrowableArray<int> _docEntryStart = new(256);
    private GrowableArray<byte> _norms = new(256);
    private int[] _stamp = new int[1024], _local = new int[1024];
    private int _stampNow;
    private GrowableArray<int> _tokTerm = new(256), _tokPos = new(256);

    public FieldBuffer(int fieldNumber, bool positions)
    {
        FieldNumber = fieldNumber;
        HasPositions = positions;
        _lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        _docEntryStart.Add(0);
    }

    public int FieldNumber { get; }
    public bool HasPositions { get; }
    public int TermCount => _terms.Count;
    public IReadOnlyList<string> Terms => _terms;
    public int DocCount { get; private set; }
    public long SumTotalTermFreq { get; private set; }
    public ReadOnlySpan<int> EntryTerms => _entryTerm.Span;
    public ReadOnlySpan<int> EntryFreqs => _entryFreq.Span;
    public ReadOnlySpan<int> EntryPositionStarts => _entryPos.Span;
    public ReadOnlySpan<int> Positions => _positions.Span;
    /// <summary>Entries of doc d are [DocEntryStart[d], DocEntryStart[d+1]).</summary>
    public ReadOnlySpan<int> DocEntryStart => _docEntryStart.Span;
    public ReadOnlySpan<byte> Norms => _norms.Span;

    public long EstimatedBytes =>
        _entryTerm.Bytes * 3 + _positions.Bytes + _docEntryStart.Bytes + _norms.Bytes + _stamp.Length * 8L + _terms.Count * 80L;

    /// <summary>Inverts the analysed tokens of this field for the next document.</summary>
    public void AddTokens(TokenRecorder tokens)
    {
        _tokTerm.Clear();
        _tokPos.Clear();
        for (int i = 0; i < tokens.Count; i++)
        {
            _tokTerm.Add(TermId(tokens.Term(i)));
            _tokPos.Add(tokens.Position[i]);
        }
        FinishDoc(_tokTerm.Count);
    }

    /// <summary>Indexes the keyword values of this field for the next document (duplicates count once).</summary>
    public void AddKeywords(IReadOnlyList<string> values)
    {
        _tokTerm.Clear();
        _tokPos.Clear();
        foreach (var v in values) { _tokTerm.Add(TermId(v)); _tokPos.Add(0); }
        FinishDoc(0);
    }

    /// <summary>Records that the next document does not have this field.</summary>
    public void AddMissing()
    {
        _norms.Add(0);
        _docEntryStart.Add(_entryTerm.Count);
    }

    private int TermId(ReadOnlySpan<char> term)
    {
        if (_lookup.TryGetValue(term, out int id)) return id;
        var s = term.ToString();
        id = _terms.Count;
        _terms.Add(s);
        _termIds.Add(s, id);
        if (id == _stamp.Length) { Array.Resize(ref _stamp, id * 2); Array.Resize(ref _local, id * 2); }
        return id;
    }

    private void FinishDoc(int length)
    {
        int first = _entryTerm.Count;
        _stampNow++;
        var tokTerms = _tokTerm.Span;
        for (int i = 0; i < tokTerms.Length; i++)
        {
            int t = tokTerms[i];
            if (_stamp[t] != _stampNow)
            {
                _stamp[t] = _stampNow;
                _local[t] = _entryTerm.Count;
                _entryTerm.Add(t);
                _entryFreq.Add(0);
                _entryPos.Add(0);
            }
            if (HasPositions || _entryFreq[_local[t]] == 0) _entryFreq[_local[t]]++;
        }
        int end = _entryTerm.Count;
        if (HasPositions)
        {
            int start = _positions.Extend(tokTerms.Length);
            for (int e = first; e < end; e++) { _entryPos[e] = start; start += _entryFreq[e]; }
            var fill = _entryPos.Items; // used as a write cursor, reset below
            var positions = _positions.Items;
            var tokPos = _tokPos.Span;
            for (int i = 0; i < tokTerms.Length; i++) positions[fill[_local[tokTerms[i]]]++] = tokPos[i];
            for (int e = first; e < end; e++) _entryPos[e] -= _entryFreq[e];
        }
        for (int e = first; e < end; e++) SumTotalTermFreq += _entryFreq[e];
        if (end > first) DocCount++;
        _norms.Add(HasPositions ? SmallFloat.IntToByte4(length) : (byte)0);
        _docEntryStart.Add(end);
    }
}
