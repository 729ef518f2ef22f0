namespace LuceneReco.Host.Reco;

/// <summary>An interactions file cannot be read as given; the message names the file and line. The CLI exits with code 2.</summary>
internal sealed class InteractionFileException(string message) : Exception(message);
