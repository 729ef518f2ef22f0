using LuceneReco.Index.Store;
using LuceneReco.Index.Tests.Durability;

namespace LuceneReco.Index.Tests.Store;

/// <summary>Chunk checksums: written for every 16 KiB, checked at open for the first and last chunk, the rest when read.</summary>
public sealed class MappedFileTests : IDisposable
{
    private const int Chunk = 1 << 14;
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>A file of <paramref name="payload"/> seeded random bytes; returns its path.</summary>
    private string Write(int payload, string name = "test.bin")
    {
        string path = _tmp.Sub(name);
        var bytes = new byte[payload];
        new Random(payload).NextBytes(bytes);
        using var output = new IndexOutput(path, "Test");
        for (int i = 0; i < bytes.Length; i += 1000) output.WriteBytes(bytes.AsSpan(i, Math.Min(1000, bytes.Length - i)));
        output.Complete();
        return path;
    }

    [Fact]
    public void DamagedMiddleChunk_OpenSucceeds_OnlyReadsOfThatChunkFail()
    {
        MappedFile.WholeFileBytes = 0;
        string path = Write(5 * Chunk);
        FileDamage.Flip(path, 2 * Chunk + 100, 0x01);
        using var file = MappedFile.Open(path, "Test");
        Assert.Equal(16, file.Span(file.PayloadStart, 16).Length);
        Assert.Equal(10, file.Span(4 * Chunk, 10).Length);
        var e = Assert.Throws<CorruptIndexException>(() => file.Span(2 * Chunk + 5000, 1));
        Assert.Equal("test.bin", e.FilePath);
        Assert.Equal(2 * Chunk, e.Offset);
        Assert.Throws<CorruptIndexException>(() => file.Span(Chunk + 10, Chunk + 10)); // a range ending in it
        Assert.Equal(10, file.Span(3 * Chunk, 10).Length);
    }

    [Fact]
    public void DamagedMiddleChunk_WholeOpen_FailsAtOpen()
    {
        string path = Write(5 * Chunk);
        FileDamage.Flip(path, 2 * Chunk + 100, 0x01);
        Assert.Throws<CorruptIndexException>(() => MappedFile.Open(path, "Test", whole: true));
        Assert.Throws<CorruptIndexException>(() => IndexInput.Open(path, "Test"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 13)] // header (13 bytes) + payload: exactly one chunk
    [InlineData(Chunk)]
    [InlineData(3 * Chunk + 7)]
    public void UndamagedFile_OfAnyLength_VerifiesEveryByte(int payload)
    {
        MappedFile.WholeFileBytes = 0;
        string path = Write(payload);
        using var file = MappedFile.Open(path, "Test");
        Assert.Equal(payload, file.End - file.PayloadStart);
        Assert.Equal(payload, file.Span(file.PayloadStart, payload).Length);
        var input = IndexInput.Open(path, "Test");
        Assert.Equal(payload, input.End - input.PayloadStart);
    }

    [Fact]
    public void RangePastThePayload_Throws_NamingTheFile()
    {
        string path = Write(100);
        using var file = MappedFile.Open(path, "Test");
        var e = Assert.Throws<CorruptIndexException>(() => file.Verify(file.End - 10, 11));
        Assert.Equal("test.bin", e.FilePath);
        Assert.Throws<CorruptIndexException>(() => file.Verify(-1, 2));
    }

    [Fact]
    public void DamagedChunkTable_FailsAtOpen()
    {
        string path = Write(3 * Chunk);
        long length = new FileInfo(path).Length;
        FileDamage.Flip(path, (int)length - 8 - 12 - 2, 0x10); // inside the last chunk checksum
        var e = Assert.Throws<CorruptIndexException>(() => MappedFile.Open(path, "Test"));
        Assert.Contains("chunk table", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_ThenRead_ThrowsObjectDisposed()
    {
        string path = Write(3 * Chunk);
        var file = MappedFile.Open(path, "Test");
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => file.Span(file.PayloadStart, 1));
        file.Dispose();
    }
}
