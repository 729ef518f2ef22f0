namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>Damages files the way disks and copies do.</summary>
internal static class Damage
{
    /// <summary>Inverts every bit of the byte at <paramref name="offset"/> (negative: from the end, -1 is the last byte).</summary>
    public static void FlipByte(string path, int offset)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0xFF;
        DateTime written = File.GetLastWriteTimeUtc(path);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, written.AddSeconds(1)); // a new stamp, as a real overwrite would give
    }
}
