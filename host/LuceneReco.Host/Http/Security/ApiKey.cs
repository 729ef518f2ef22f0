using System.Security.Cryptography;
using System.Text;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// The API keys of a server: kept only as their SHA-256, compared in constant time, never printed (<see cref="ToString"/>
/// says so). Read from a file (<c>--api-key-file</c>: one key per line, so a key can be rotated by adding the new one,
/// moving the clients over and removing the old; blank lines and lines starting with <c>#</c> ignored) or the
/// environment variable <see cref="EnvironmentVariable"/> (one key).
/// </summary>
internal sealed class ApiKey
{
    /// <summary>The environment variable that holds the key when no file is given.</summary>
    public const string EnvironmentVariable = "LUCENERECO_API_KEY";

    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 16;

    private readonly byte[][] _hashes;

    private ApiKey(IEnumerable<string> keys) => _hashes = [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    /// <summary>How many keys are accepted.</summary>
    public int Count => _hashes.Length;

    /// <summary>One key from its text (surrounding white space ignored), or the problem with it.</summary>
    public static ApiKey? From(string text, string source, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim();
        problem = Problem(key, source);
        return problem is null ? new ApiKey([key]) : null;
    }

    /// <summary>The keys of a key file's text, one per line (blank and <c>#</c> lines ignored), or the first problem, naming its line.</summary>
    public static ApiKey? FromLines(string text, string source, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<string>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string key = lines[i].Trim();
            if (key.Length == 0 || key.StartsWith('#')) continue;
            if (Problem(key, $"{source} line {i + 1}") is { } bad)
            {
                problem = bad;
                return null;
            }
            keys.Add(key);
        }
        problem = keys.Count == 0 ? $"{source} holds no API key" : null;
        return problem is null ? new ApiKey(keys) : null;
    }

    private static string? Problem(string key, string source) =>
        key.Length < MinLength ? $"the API key in {source} must be at least {MinLength} characters"
        : key.Any(char.IsControl) ? $"the API key in {source} must be one line of printable characters"
        : null;

    /// <summary>The key in <paramref name="file"/>, else in the environment variable, else none; a problem names the file, never the key.</summary>
    public static ApiKey? Load(string? file, Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = null;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                problem = $"API key file '{file}' does not exist";
                return null;
            }
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"API key file '{file}' cannot be read: {e.GetType().Name}";
                return null;
            }
            return FromLines(text, $"'{file}'", out problem);
        }
        return environment(EnvironmentVariable) is { Length: > 0 } value ? From(value, EnvironmentVariable, out problem) : null;
    }

    /// <summary>Whether <paramref name="candidate"/> is one of the keys, in time independent of where they differ.</summary>
    public bool Matches(ReadOnlySpan<char> candidate) => Which(candidate) >= 0;

    /// <summary>
    /// Which key <paramref name="candidate"/> is (its line among the keys, from 0), or -1; every key is compared, so the
    /// time does not say which matched or where they differ.
    /// </summary>
    public int Which(ReadOnlySpan<char> candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Trim().ToString()), hash);
        int which = -1;
        for (int k = 0; k < _hashes.Length; k++)
            if (CryptographicOperations.FixedTimeEquals(hash, _hashes[k])) which = k;
        return which;
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => "(API key, not shown)";
}
