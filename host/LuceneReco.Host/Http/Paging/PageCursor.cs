using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// A cursor: which kept list (a random id) and where the next page starts, plus when the list was made, so a cursor the
/// cache no longer holds can say whether it expired. Written as URL-safe base64 of 29 bytes (version 1, a 16-byte id,
/// 8 bytes of Unix milliseconds, a 4-byte position); opaque to clients, who only send it back. The start of a paged list
/// is <c>*</c>, as in Solr's <c>cursorMark=*</c>.
/// </summary>
/// <param name="Id">The kept list's id.</param>
/// <param name="Created">When the list was ranked (to the millisecond).</param>
/// <param name="Position">The index of the next page's first item in the list.</param>
internal readonly record struct PageCursor(Guid Id, DateTimeOffset Created, int Position)
{
    /// <summary>The value that asks for a new paged list.</summary>
    public const string Start = "*";

    private const byte Version = 1;
    private const int Length = 1 + 16 + 8 + 4;

    /// <summary>A new random list id (not guessable: 122 random bits).</summary>
    public static Guid NewId() => new(RandomNumberGenerator.GetBytes(16));

    /// <summary>The cursor as text.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        Id.TryWriteBytes(bytes.Slice(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(17, 8), Created.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(bytes.Slice(25, 4), Position);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads <paramref name="text"/>; false when it is not a cursor this server writes.</summary>
    public static bool TryParse(string? text, out PageCursor cursor)
    {
        cursor = default;
        if (text is null || text.Length > 64) return false;
        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.IsValid(text) || Base64Url.GetMaxDecodedLength(text.Length) > bytes.Length) return false;
        if (Base64Url.DecodeFromChars(text, bytes) != Length || bytes[0] != Version) return false;
        long millis = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8));
        int position = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(25, 4));
        if (millis is < 0 or > 253_402_300_799_999 || position < 0) return false;
        cursor = new PageCursor(new Guid(bytes.Slice(1, 16)), DateTimeOffset.FromUnixTimeMilliseconds(millis), position);
        return true;
    }
}
