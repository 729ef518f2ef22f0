namespace LuceneReco.Host.Cli;

/// <summary>Where a command writes and how it tells time; tests pass string writers.</summary>
/// <param name="Out">Results and the one-line summaries.</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="ErrorIsTerminal">Whether <paramref name="Error"/> is an interactive terminal (progress is shown by default only then).</param>
/// <param name="Time">The clock for elapsed times and progress.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, TimeProvider Time)
{
    /// <summary>A console that is not a terminal, on the system clock.</summary>
    public CliConsole(TextWriter output, TextWriter error) : this(output, error, false, TimeProvider.System) { }

    /// <summary>Writes <c>lucenereco: message</c> to <see cref="Error"/>: the one line a failed command prints.</summary>
    public void Fail(string message) => Error.WriteLine($"lucenereco: {message}");
}
