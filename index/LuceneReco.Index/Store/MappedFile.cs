using System.IO.MemoryMappedFiles;

namespace LuceneReco.Index.Store;

/// <summary>
/// One index file mapped read-only into memory: its bytes stay in the page cache, not the managed heap.
/// Opening checks header, footer and chunk table (as Lucene's CodecUtil checks header and footer); a small file,
/// or one opened with <c>whole</c>, is checksummed entirely at open. The payload of a large file is verified a
/// 16 KiB chunk at a time, the first time a reader asks for a range in it (<see cref="Verify"/>), so damage inside it
/// is reported naming the file when that part is read and never decodes into wrong results.
/// </summary>
/// <remarks>
/// Hot loops read through <see cref="Pointer"/> after verifying their range; they must hold a reference to the
/// owner (a reader lease, see <see cref="IndexReader"/>) so the view is not unmapped under them. An unreachable
/// mapping is unmapped by its SafeHandle's finalizer; <see cref="Dispose"/> unmaps at once.
/// </remarks>
internal sealed unsafe class MappedFile : IDisposable
{
    /// <summary>Files up to this many bytes are checksummed whole at open.</summary>
    public const int DefaultWholeFileBytes = 1 << 20;

    private static readonly AsyncLocal<int?> WholeFileLimit = new();

    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly Frame _frame;
    private readonly long[] _verified; // one bit per chunk
    private int _disposed;

    private MappedFile(string path, MemoryMappedViewAccessor view, byte* pointer, int length, Frame frame)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        _view = view;
        _base = pointer;
        Length = length;
        _frame = frame;
        _verified = new long[(frame.ChunkCount + 63) >> 6];
    }

    /// <summary>
    /// Files up to this many bytes are checksummed whole at open (for this async flow: tests set 0 to exercise the
    /// chunk-at-a-time path on small indexes).
    /// </summary>
    public static int WholeFileBytes
    {
        get => WholeFileLimit.Value ?? DefaultWholeFileBytes;
        set => WholeFileLimit.Value = value;
    }

    public string Path { get; }

    /// <summary>The file name, as errors show it.</summary>
    public string Name { get; }

    /// <summary>The file length in bytes.</summary>
    public int Length { get; }

    /// <summary>The first payload byte (after the header).</summary>
    public int PayloadStart => _frame.PayloadStart;

    /// <summary>The end of the payload (exclusive).</summary>
    public int End => _frame.End;

    /// <summary>The first byte of the mapping: read only ranges passed to <see cref="Verify"/>, only while the owner is alive.</summary>
    public byte* Pointer => _disposed == 0 ? _base : throw new ObjectDisposedException(Name);

    /// <summary>Maps <paramref name="path"/>, written with <paramref name="codec"/>, and checks its framing.</summary>
    /// <param name="whole">Checksum every byte now (small files always are).</param>
    /// <exception cref="CorruptIndexException">The file is missing, truncated or damaged where checked.</exception>
    public static MappedFile Open(string path, string codec, bool whole = false)
    {
        string name = System.IO.Path.GetFileName(path);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None); }
        catch (FileNotFoundException e) { throw CorruptIndexException.Missing(name, e); }
        MemoryMappedViewAccessor view;
        long length;
        using (stream)
        {
            length = stream.Length;
            int minimum = Codec.HeaderLength(codec.Length) + Codec.TrailerLength + Codec.FooterLength;
            if (length < minimum) throw new CorruptIndexException(name, length, $"truncated: {length} bytes is shorter than header, chunk table and footer");
            if (length > int.MaxValue) throw new CorruptIndexException(name, -1, $"{length} bytes: files of 2 GiB and more are not supported");
            using var mapping = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            view = mapping.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        }
        try
        {
            byte* p = (byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset;
            var all = new ReadOnlySpan<byte>(p, (int)length);
            var frame = Frame.Parse(name, all, codec);
            var file = new MappedFile(path, view, p, (int)length, frame);
            if (whole || length <= WholeFileBytes)
            {
                Frame.VerifyWhole(name, all);
                for (int c = 0; c < frame.ChunkCount; c++) file.VerifyChunk(c);
            }
            else
            {
                file.VerifyChunk(0); // the header's chunk
                file.VerifyChunk(frame.ChunkCount - 1); // where trailing indexes live
            }
            return file;
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes sure bytes [start, start + length) are inside the payload and checksummed; throws naming the file otherwise.
    /// Cheap once verified: a bit test per chunk.
    /// </summary>
    public void Verify(int start, int length)
    {
        if (length <= 0) return;
        if (start < 0 || start > _frame.End - length)
            throw new CorruptIndexException(Name, start, $"a range of {length} bytes at {start} runs past the payload (which ends at {_frame.End})");
        if (_disposed != 0) throw new ObjectDisposedException(Name);
        int last = (start + length - 1) >> Codec.ChunkShift;
        for (int c = start >> Codec.ChunkShift; c <= last; c++)
            if ((Volatile.Read(ref _verified[c >> 6]) & (1L << c)) == 0) VerifyChunk(c);
    }

    /// <summary>Bytes [start, start + length), verified.</summary>
    public ReadOnlySpan<byte> Span(int start, int length)
    {
        Verify(start, length);
        return new ReadOnlySpan<byte>(_base + start, length);
    }

    private void VerifyChunk(int chunk)
    {
        _frame.VerifyChunk(Name, new ReadOnlySpan<byte>(_base, Length), chunk);
        Interlocked.Or(ref _verified[chunk >> 6], 1L << chunk);
    }

    /// <summary>Unmaps the file. Only the owner calls this, once no reader can touch it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _view.Dispose();
    }
}
