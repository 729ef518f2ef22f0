namespace LuceneReco.Host.Cli;

/// <summary>
/// The user asked for something that cannot be done as asked (bad option value, missing file, bad
/// item line without --skip-bad). <see cref="CliApp"/> prints the message as one line and exits with
/// <see cref="ExitCodes.Usage"/>; the message must therefore be a single, self-explanatory line.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
