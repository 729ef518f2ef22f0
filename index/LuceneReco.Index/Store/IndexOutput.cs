using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace LuceneReco.Index.Store;

/// <summary>
/// Writes one index file: buffered, CRC-32 over every byte, header at open and footer at
/// <see cref="Complete"/>, which also fsyncs. An output that is disposed without completing deletes its file.
/// </summary>
internal sealed class IndexOutput : IDisposable
{
    private readonly FileStream _stream;
    private readonly Crc32 _crc = new();
    private readonly Crc32 _chunkCrc = new();
    private readonly List<uint> _chunks = new();
    private int _chunkFill;
    private bool _chunking = true;
    // 64 KiB, fixed: below the 85,000-byte large-object threshold, so a file's buffer is a short-lived gen-0 object. (It
    // used to double up to 1 MiB; under steady writes those large objects cost a gen-2 collection every few commits,
    // and a pool would keep megabytes alive between commits. Lucene writes through 8 KiB buffers.)
    private readonly byte[] _buffer = new byte[BufferBytes];
    internal const int BufferBytes = 64 * 1024;
    private int _used;
    private long _flushed;
    private bool _completed;

    public IndexOutput(string path, string codec)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        WriteInt32(Codec.HeaderMagic);
        if (codec.Length > 64) throw new ArgumentOutOfRangeException(nameof(codec), codec, "codec names are at most 64 chars");
        WriteByte((byte)codec.Length);
        WriteBytes(Encoding.ASCII.GetBytes(codec));
        WriteInt32(Codec.Version);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Bytes written so far (the file pointer).</summary>
    public long Position => _flushed + _used;

    public void WriteByte(byte b)
    {
        if (_used == _buffer.Length) Spill();
        _buffer[_used++] = b;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Spill();
            if (bytes.Length > _buffer.Length) { Hash(bytes); _stream.Write(bytes); _flushed += bytes.Length; return; }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void WriteInt32(int v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        WriteBytes(b);
    }

    public void WriteInt64(long v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        WriteBytes(b);
    }

    public void WriteDouble(double v) => WriteInt64(BitConverter.DoubleToInt64Bits(v));

    /// <summary>Unsigned LEB128: 7 bits a byte, high bit set on all but the last.</summary>
    public void WriteVInt(int v) => WriteVLong((uint)v);

    public void WriteVLong(long v)
    {
        if (v < 0) throw new ArgumentOutOfRangeException(nameof(v), v, "variable-length integers must be non-negative");
        if (_buffer.Length - _used < 10) Spill();
        ulong u = (ulong)v;
        while (u >= 0x80) { _buffer[_used++] = (byte)(u | 0x80); u >>= 7; }
        _buffer[_used++] = (byte)u;
    }

    /// <summary>A string as VInt byte length + UTF-8.</summary>
    public void WriteString(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        WriteVInt(n);
        if (_buffer.Length - _used < n) Spill();
        if (n <= _buffer.Length - _used) { _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used)); }
        else WriteBytes(Encoding.UTF8.GetBytes(s));
    }

    /// <summary>Writes the chunk table and the footer, flushes and fsyncs the file.</summary>
    public void Complete()
    {
        Spill();
        if (_chunkFill > 0) { _chunks.Add(_chunkCrc.GetCurrentHashAsUInt32()); _chunkCrc.Reset(); _chunkFill = 0; }
        _chunking = false;
        var table = new Crc32();
        Span<byte> b = stackalloc byte[4];
        foreach (uint c in _chunks)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, c);
            table.Append(b);
            WriteBytes(b);
        }
        WriteInt32(_chunks.Count);
        WriteInt32(Codec.ChunkShift);
        WriteInt32((int)table.GetCurrentHashAsUInt32());
        WriteInt32(Codec.FooterMagic);
        Spill();
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, _crc.GetCurrentHashAsUInt32());
        _stream.Write(crc);
        _stream.Flush(flushToDisk: true);
        _completed = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (_completed) return;
        _stream.Dispose();
        File.Delete(Path);
    }

    private void Spill()
    {
        if (_used == 0) return;
        Hash(_buffer.AsSpan(0, _used));
        _stream.Write(_buffer, 0, _used);
        _flushed += _used;
        _used = 0;
    }

    private void Hash(ReadOnlySpan<byte> bytes)
    {
        _crc.Append(bytes);
        if (!_chunking) return;
        const int size = 1 << Codec.ChunkShift;
        while (bytes.Length > 0)
        {
            int n = Math.Min(bytes.Length, size - _chunkFill);
            _chunkCrc.Append(bytes[..n]);
            _chunkFill += n;
            bytes = bytes[n..];
            if (_chunkFill == size) { _chunks.Add(_chunkCrc.GetCurrentHashAsUInt32()); _chunkCrc.Reset(); _chunkFill = 0; }
        }
    }
}
