using LuceneReco.Index.Store;

namespace LuceneReco.Index.Segments;

/// <summary>
/// Which documents of a segment are deleted: a bit set. Instances handed to readers are never
/// changed again; the writer copies before changing a shared one (see <see cref="Share"/>).
/// </summary>
internal sealed class LiveDocs
{
    private const string CodecName = "Seg.liv";
    private readonly ulong[] _deleted;
    private bool _shared;

    public LiveDocs(int maxDoc) : this(new ulong[(maxDoc + 63) >> 6], maxDoc, 0) { }

    private LiveDocs(ulong[] bits, int maxDoc, int deletedCount)
    {
        _deleted = bits;
        MaxDoc = maxDoc;
        DeletedCount = deletedCount;
    }

    public int MaxDoc { get; }
    public int DeletedCount { get; private set; }

    public bool IsDeleted(int doc) => (_deleted[doc >> 6] & (1UL << doc)) != 0;

    public bool IsLive(int doc) => (_deleted[doc >> 6] & (1UL << doc)) == 0;

    /// <summary>Marks this instance as seen by a reader: from now on it must not change.</summary>
    public LiveDocs Share() { _shared = true; return this; }

    /// <summary>This instance, or a private copy if it was shared.</summary>
    public LiveDocs Writable() => _shared ? new LiveDocs((ulong[])_deleted.Clone(), MaxDoc, DeletedCount) : this;

    /// <summary>Marks <paramref name="doc"/> deleted; returns false if it already was.</summary>
    public bool Delete(int doc)
    {
        if (_shared) throw new InvalidOperationException("a shared LiveDocs is immutable; call Writable() first");
        ref ulong word = ref _deleted[doc >> 6];
        ulong mask = 1UL << doc;
        if ((word & mask) != 0) return false;
        word |= mask;
        DeletedCount++;
        return true;
    }

    public void Write(string path)
    {
        using var output = new IndexOutput(path, CodecName);
        output.WriteVInt(MaxDoc);
        output.WriteVInt(DeletedCount);
        foreach (var w in _deleted) output.WriteInt64((long)w);
        output.Complete();
    }

    public static LiveDocs Read(string path, int maxDoc, int expectedDeleted)
    {
        var input = IndexInput.Open(path, CodecName);
        int stored = input.ReadVInt();
        if (stored != maxDoc) throw input.Corrupt($"holds deletes for {stored} documents, segment has {maxDoc}");
        int count = input.ReadVInt();
        var bits = new ulong[(maxDoc + 63) >> 6];
        int actual = 0;
        for (int i = 0; i < bits.Length; i++) { bits[i] = (ulong)input.ReadInt64(); actual += System.Numerics.BitOperations.PopCount(bits[i]); }
        input.ExpectEnd();
        if (count != actual || count != expectedDeleted)
            throw input.Corrupt($"deleted count {count} disagrees with the bits ({actual}) or the commit ({expectedDeleted})");
        return new LiveDocs(bits, maxDoc, count);
    }
}
