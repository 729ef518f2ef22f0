using System.Security.Cryptography;
using System.Text;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// What identifies the content of a plugin folder: SHA-256 over every file's relative path and bytes, in
/// ordinal path order, skipping the plugin's <c>data/</c> folder (its own models and data, not its code).
/// Equal fingerprints mean nothing to reload; touching a file without changing it does not reload.
/// </summary>
internal static class PluginFingerprint
{
    /// <summary>The name of the subfolder excluded from the fingerprint and from change notifications.</summary>
    public const string DataFolderName = "data";

    /// <summary>The fingerprint of <paramref name="folder"/>, lowercase hex. Throws <see cref="IOException"/> when a file cannot be read.</summary>
    public static string Of(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(r => !IsData(r))
            .Order(StringComparer.Ordinal)
            .ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative.Replace('\\', '/') + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, relative))));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether a path relative to a plugin folder lies in its data folder.</summary>
    public static bool IsData(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return relativePath.Length > first.Length && string.Equals(first, DataFolderName, StringComparison.Ordinal);
    }
}
