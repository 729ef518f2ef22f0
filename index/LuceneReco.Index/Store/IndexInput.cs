using System.Buffers.Binary;
using System.Text;

namespace LuceneReco.Index.Store;

/// <summary>
/// One index file read whole into memory, or the payload of a mapped one. Opening checks the header, the footer and the CRC-32 of
/// every byte (mapped: each read verifies the chunks it touches), so a damaged file fails here with <see cref="CorruptIndexException"/> naming it.
/// Reads past the payload also throw naming the file and offset.
/// </summary>
internal sealed class IndexInput
{
    private readonly byte[]? _data;
    private readonly MappedFile? _file;
    private readonly int _end; // payload end (start of the chunk table)

    private IndexInput(string path, byte[] data, int start, int end) : this(path, start, end) => _data = data;

    private IndexInput(string path, MappedFile file, int start, int end) : this(path, start, end) => _file = file;

    private IndexInput(string path, int start, int end)
    {
        Path = path;
        Position = start;
        PayloadStart = start;
        _end = end;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's name, as errors show it.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Where the payload (after the header) starts.</summary>
    public int PayloadStart { get; }

    /// <summary>The read position.</summary>
    public int Position { get; set; }

    /// <summary>The payload end (exclusive).</summary>
    public int End => _end;

    /// <summary>The raw bytes of a file read whole (null for a mapped one).</summary>
    public byte[]? Data => _data;

    /// <summary>Opens and fully verifies <paramref name="path"/>, which must have been written with <paramref name="codec"/>.</summary>
    public static IndexInput Open(string path, string codec)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) { throw CorruptIndexException.Missing(System.IO.Path.GetFileName(path), e); }
        return Verify(path, data, codec);
    }

    /// <summary>Checks framing, the whole-file checksum and every chunk checksum of <paramref name="data"/>, the contents of <paramref name="path"/>.</summary>
    public static IndexInput Verify(string path, byte[] data, string codec)
    {
        string name = System.IO.Path.GetFileName(path);
        var frame = Frame.Parse(name, data, codec);
        Frame.VerifyWhole(name, data);
        for (int c = 0; c < frame.ChunkCount; c++) frame.VerifyChunk(name, data, c);
        return new IndexInput(path, data, frame.PayloadStart, frame.End);
    }

    /// <summary>Reads the payload of a mapped file in place (each read verifies the chunks it touches).</summary>
    public static IndexInput Over(MappedFile file) => new(file.Path, file, file.PayloadStart, file.End);

    public CorruptIndexException Corrupt(string reason) => new(Name, Position, reason);

    public byte ReadByte()
    {
        if (Position >= _end) throw Corrupt("read past the end of the payload");
        if (_file is not null) return _file.Span(Position++, 1)[0];
        return _data![Position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _end - Position) throw Corrupt($"length {count} runs past the end of the payload");
        var span = _file is not null ? _file.Span(Position, count) : _data.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    public int ReadVInt()
    {
        long v = ReadVLong();
        if (v > int.MaxValue) throw Corrupt($"integer {v} out of range");
        return (int)v;
    }

    public long ReadVLong()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (result > long.MaxValue) throw Corrupt("variable-length integer out of range");
                return (long)result;
            }
        }
        throw Corrupt("variable-length integer too long");
    }

    public string ReadString()
    {
        int n = ReadVInt();
        return Encoding.UTF8.GetString(ReadBytes(n));
    }

    /// <summary>Throws unless the whole payload was consumed: a sanity check on structure.</summary>
    public void ExpectEnd()
    {
        if (Position != _end) throw Corrupt($"{_end - Position} unexpected bytes before the footer");
    }
}
