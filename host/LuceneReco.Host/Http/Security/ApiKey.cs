using System.Security.Cryptography;
using System.Text;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// The API key of a server: kept only as its SHA-256, compared in constant time, never printed (<see cref="ToString"/>
/// says so). Read from a file (<c>--api-key-file</c>) or the environment variable <see cref="EnvironmentVariable"/>.
/// </summary>
internal sealed class ApiKey
{
    /// <summary>The environment variable that holds the key when no file is given.</summary>
    public const string EnvironmentVariable = "LUCENERECO_API_KEY";

    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 16;

    private readonly byte[] _hash;

    private ApiKey(string key) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A key from its text (surrounding white space ignored), or the problem with it.</summary>
    public static ApiKey? From(string text, string source, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim();
        problem = key.Length < MinLength ? $"the API key in {source} must be at least {MinLength} characters" : null;
        if (problem is null && key.Any(char.IsControl)) problem = $"the API key in {source} must be one line of printable characters";
        return problem is null ? new ApiKey(key) : null;
    }

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
            return From(text, $"'{file}'", out problem);
        }
        return environment(EnvironmentVariable) is { Length: > 0 } value ? From(value, EnvironmentVariable, out problem) : null;
    }

    /// <summary>Whether <paramref name="candidate"/> is the key, in time independent of where they differ.</summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Trim().ToString()), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => "(API key, not shown)";
}
