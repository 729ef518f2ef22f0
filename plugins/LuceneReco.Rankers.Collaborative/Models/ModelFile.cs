using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>
/// The framing of a model file <c>{kind}-v{N}.bin</c>: the magic <c>LRCF</c>, a format version (u16), the kind, the
/// metadata as JSON, the payload length (i64) and payload, then a CRC-32 of every byte before it. Files are written to a
/// temporary name, flushed to disk and renamed, so a reader sees a whole file or none; earlier versions are left in place.
/// </summary>
internal static class ModelFile
{
    public const ushort FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "LRCF"u8;

    /// <summary>Writes the next version of <paramref name="kind"/> in <paramref name="directory"/> and returns its path and metadata.</summary>
    public static (string Path, ModelMetadata Metadata) Write(string directory, string kind, ModelMetadata metadata, Action<BinaryWriter> writePayload)
    {
        Directory.CreateDirectory(directory);
        for (int attempt = 0; ; attempt++)
        {
            int version = LatestVersion(directory, kind) + 1;
            ModelMetadata stamped = metadata with { Kind = kind, Version = version };
            string path = Path.Combine(directory, FileName(kind, version));
            string temp = Path.Combine(directory, $".{FileName(kind, version)}.{Guid.NewGuid():N}.tmp");
            bool renamed = false;
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    WriteTo(stream, kind, stamped, writePayload);
                    stream.Flush(flushToDisk: true);
                }
                try
                {
                    File.Move(temp, path, overwrite: false);
                    renamed = true;
                    return (path, stamped);
                }
                catch (IOException) when (File.Exists(path) && attempt < 10)
                {
                    continue; // another trainer took this version number: write the next one
                }
            }
            finally
            {
                if (!renamed) File.Delete(temp);
            }
        }
    }

    private static void WriteTo(Stream stream, string kind, ModelMetadata metadata, Action<BinaryWriter> writePayload)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) writePayload(w);

        var file = new MemoryStream();
        using (var w = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(kind);
            w.Write(MetadataJson.Write(metadata));
            w.Write(payload.Length);
            w.Write(payload.GetBuffer().AsSpan(0, (int)payload.Length));
        }
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(file.GetBuffer().AsSpan(0, (int)file.Length)));
        stream.Write(file.GetBuffer().AsSpan(0, (int)file.Length));
        stream.Write(crc);
    }

    /// <summary>Reads and verifies a model file; every problem becomes a <see cref="ModelFileException"/> naming the file.</summary>
    public static (T Model, ModelMetadata Metadata) Read<T>(string path, string kind, Func<BinaryReader, T> readPayload)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, "cannot be read: " + e.Message, e);
        }
        if (bytes.Length < Magic.Length + 2 + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelFileException(path, "not a LuceneReco model file (no LRCF header)");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        uint computed = Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != computed)
            throw new ModelFileException(path, string.Create(CultureInfo.InvariantCulture,
                $"checksum mismatch (stored {stored:x8}, computed {computed:x8}): the file is damaged or truncated"));

        using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 4, writable: false), Encoding.UTF8);
        try
        {
            r.BaseStream.Position = Magic.Length;
            ushort format = r.ReadUInt16();
            if (format != FormatVersion) throw new ModelFileException(path, $"format version {format} is not supported (this build reads {FormatVersion})");
            string storedKind = r.ReadString();
            if (storedKind != kind) throw new ModelFileException(path, $"holds a '{storedKind}' model, not '{kind}'");
            ModelMetadata metadata = MetadataJson.Read(r.ReadString());
            long length = r.ReadInt64();
            if (length != r.BaseStream.Length - r.BaseStream.Position)
                throw new InvalidDataException($"payload length {length} does not match the {r.BaseStream.Length - r.BaseStream.Position} bytes present");
            T model = readPayload(r);
            if (r.BaseStream.Position != r.BaseStream.Length)
                throw new InvalidDataException($"{r.BaseStream.Length - r.BaseStream.Position} bytes left over after the payload");
            return (model, metadata);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ModelFileException(path, $"malformed at offset {r.BaseStream.Position}: {e.Message}", e);
        }
    }

    /// <summary>The file name of version <paramref name="version"/>.</summary>
    public static string FileName(string kind, int version) => string.Create(CultureInfo.InvariantCulture, $"{kind}-v{version}.bin");

    /// <summary>Versions of <paramref name="kind"/> present in <paramref name="directory"/> (whatever their state), newest first.</summary>
    public static List<(int Version, string Path)> Versions(string directory, string kind)
    {
        var result = new List<(int, string)>();
        if (!Directory.Exists(directory)) return result;
        string prefix = kind + "-v";
        foreach (string path in Directory.EnumerateFiles(directory, prefix + "*.bin"))
        {
            string name = Path.GetFileName(path);
            ReadOnlySpan<char> digits = name.AsSpan(prefix.Length, name.Length - prefix.Length - ".bin".Length);
            if (digits.Length is > 0 and <= 9 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                result.Add((version, path));
        }
        result.Sort((a, b) => b.Item1.CompareTo(a.Item1));
        return result;
    }

    /// <summary>The highest version present, or 0.</summary>
    public static int LatestVersion(string directory, string kind) => Versions(directory, kind) is { Count: > 0 } v ? v[0].Version : 0;

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> versions, except those an alias points to or that are pinned
    /// (<see cref="ModelAliases"/>); returns the deleted paths.
    /// </summary>
    public static List<string> Prune(string directory, string kind, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var deleted = new List<string>();
        List<(int Version, string Path)> versions = Versions(directory, kind);
        if (versions.Count <= keep) return deleted;
        ModelAliases aliases = ModelAliases.Read(directory);
        for (int k = keep; k < versions.Count; k++)
        {
            if (aliases.Retains(kind, versions[k].Version)) continue;
            File.Delete(versions[k].Path);
            deleted.Add(versions[k].Path);
        }
        return deleted;
    }
}
