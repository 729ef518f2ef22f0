namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>What a model file says about how its model was made (stored as JSON in the file header).</summary>
/// <param name="Kind">"itemknn" or "als".</param>
/// <param name="Version">The file's version number N (<c>{kind}-v{N}.bin</c>); set when the file is written.</param>
/// <param name="TrainedAt">When training finished (from the trainer's <see cref="TimeProvider"/>).</param>
/// <param name="Users">Users in the training matrix.</param>
/// <param name="Items">Items in the training matrix.</param>
/// <param name="Events">Events read.</param>
/// <param name="NonZeros">(user, item) preferences in the matrix.</param>
/// <param name="TrainingSeconds">Wall time of training.</param>
/// <param name="Parameters">The training and matrix options, as name/value text.</param>
public sealed record ModelMetadata(
    string Kind,
    int Version,
    DateTimeOffset TrainedAt,
    int Users,
    int Items,
    long Events,
    int NonZeros,
    double TrainingSeconds,
    IReadOnlyDictionary<string, string> Parameters);
