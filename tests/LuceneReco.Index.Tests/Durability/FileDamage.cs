namespace LuceneReco.Index.Tests.Durability;

/// <summary>Applies a <see cref="Damage"/> to a file in place. Offsets follow the file framing: magic (4), codec name length (1), name, version (4) ... footer magic (4), CRC-32 (4).</summary>
internal static class FileDamage
{
    public static void Apply(string path, Damage damage)
    {
        var data = File.ReadAllBytes(path);
        Assert.True(data.Length > 24, $"{path} is too short ({data.Length} bytes) to damage meaningfully");
        int codecLength = data[4];
        switch (damage)
        {
            case Damage.FlipMiddle: data[data.Length / 2] ^= 0xFF; break;
            case Damage.FlipHeaderMagic: data[0] ^= 0xFF; break;
            case Damage.FlipCodecName: data[5] ^= 0xFF; break;
            case Damage.FlipVersion: data[5 + codecLength] ^= 0xFF; break;
            case Damage.FlipFooterMagic: data[^8] ^= 0xFF; break;
            case Damage.FlipChecksum: data[^1] ^= 0xFF; break;
            case Damage.TruncateByOne: data = data[..^1]; break;
            case Damage.TruncateToHalf: data = data[..(data.Length / 2)]; break;
            case Damage.TruncateToEmpty: data = []; break;
            case Damage.AppendByte: data = [.. data, 0]; break;
            default: throw new ArgumentOutOfRangeException(nameof(damage), damage, "unknown damage");
        }
        File.WriteAllBytes(path, data);
    }

    /// <summary>Inverts the bits of <paramref name="mask"/> in the byte at <paramref name="offset"/>.</summary>
    public static void Flip(string path, int offset, byte mask)
    {
        var data = File.ReadAllBytes(path);
        data[offset] ^= mask;
        File.WriteAllBytes(path, data);
    }
}
