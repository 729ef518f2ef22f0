using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace LuceneReco.Index.Store;

/// <summary>
/// One index file read whole into memory. Opening checks the header, the footer and the CRC-32 of
/// every byte, so a damaged file fails here with <see cref="CorruptIndexException"/> naming it.
/// Reads past the payload also throw naming the file and offset.
/// </summary>
internal sealed class IndexInput
{
    private readonly byte[] _data;
    private readonly int _end; // payload end (start of footer)

    private IndexInput(string path, byte[] data, int start, int end)
    {
        Path = path;
        _data = data;
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

    /// <summary>The raw bytes, for hot-path decoders that keep their own cursor.</summary>
    public byte[] Data => _data;

    /// <summary>Opens and fully verifies <paramref name="path"/>, which must have been written with <paramref name="codec"/>.</summary>
    public static IndexInput Open(string path, string codec)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) { throw new CorruptIndexException(System.IO.Path.GetFileName(path), -1, "the file is missing", e); }
        return Verify(path, data, codec);
    }

    /// <summary>Checks framing and checksum of <paramref name="data"/>, the contents of <paramref name="path"/>.</summary>
    public static IndexInput Verify(string path, byte[] data, string codec)
    {
        string name = System.IO.Path.GetFileName(path);
        int headerLength = Codec.HeaderLength(codec.Length);
        if (data.Length < headerLength + Codec.FooterLength)
            throw new CorruptIndexException(name, data.Length, $"truncated: {data.Length} bytes is shorter than header and footer");
        if (BinaryPrimitives.ReadInt32LittleEndian(data) != Codec.HeaderMagic)
            throw new CorruptIndexException(name, 0, "bad header magic (not an index file, or damaged header)");
        if (data[4] != codec.Length || !data.AsSpan(5, codec.Length).SequenceEqual(Encoding.ASCII.GetBytes(codec)))
            throw new CorruptIndexException(name, 4, $"header does not name codec '{codec}'");
        int version = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(5 + codec.Length));
        if (version != Codec.Version)
            throw new CorruptIndexException(name, 5 + codec.Length, $"format version {version} is not supported (expected {Codec.Version})");
        int footer = data.Length - Codec.FooterLength;
        if (BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(footer)) != Codec.FooterMagic)
            throw new CorruptIndexException(name, footer, "bad footer magic (truncated or damaged footer)");
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(footer + 4));
        uint actual = Crc32.HashToUInt32(data.AsSpan(0, footer + 4));
        if (expected != actual)
            throw new CorruptIndexException(name, -1, $"checksum mismatch (stored {expected:x8}, computed {actual:x8})");
        return new IndexInput(path, data, headerLength, footer);
    }

    public CorruptIndexException Corrupt(string reason) => new(Name, Position, reason);

    public byte ReadByte()
    {
        if (Position >= _end) throw Corrupt("read past the end of the payload");
        return _data[Position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > _end - Position) throw Corrupt($"length {count} runs past the end of the payload");
        var span = _data.AsSpan(Position, count);
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
