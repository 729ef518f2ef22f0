using Microsoft.Extensions.Logging;

namespace LuceneReco.Host.Http;

/// <summary>Logs one line per message (and the exception, for errors) to a writer — stderr for <c>serve</c>, a buffer in tests.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter output) : ILoggerProvider
{
    private readonly object _sync = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // the writer belongs to the caller
    }

    private void Write(string line)
    {
        lock (_sync) output.WriteLine(line);
    }

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch { LogLevel.Warning => "warn", LogLevel.Error => "error", _ => "crit" };
            provider.Write($"lucenereco: {level}: {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
