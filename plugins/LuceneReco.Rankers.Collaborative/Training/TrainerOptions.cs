using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;

namespace LuceneReco.Rankers.Collaborative.Training;

/// <summary>What <see cref="Trainer.Train"/> builds and where it writes it.</summary>
public sealed record TrainerOptions
{
    /// <summary>The folder the model versions are written to (the rankers' <c>ModelDirectory</c>). <value>There is no default.</value></summary>
    public required string OutputDirectory { get; init; }

    /// <summary>How events become strengths. <value>The default is <see cref="InteractionMatrixOptions"/>'s defaults.</value></summary>
    public InteractionMatrixOptions Matrix { get; init; } = new();

    /// <summary>Item-kNN parameters; <c>null</c> skips item-kNN. <value>The default is <see cref="ItemKnnOptions"/>'s defaults.</value></summary>
    public ItemKnnOptions? ItemKnn { get; init; } = new();

    /// <summary>ALS parameters; <c>null</c> skips ALS. <value>The default is <see cref="ImplicitAlsOptions"/>'s defaults.</value></summary>
    public ImplicitAlsOptions? Als { get; init; } = new();

    /// <summary>Versions of each kind kept after writing (older ones are deleted). <value>The default is 3.</value></summary>
    public int KeepVersions { get; init; } = 3;

    /// <summary>Reports every problem at once (including those of the nested options); empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputDirectory)) errors.Add("OutputDirectory must name a folder");
        if (ItemKnn is null && Als is null) errors.Add("Nothing to train: both ItemKnn and Als are null");
        if (KeepVersions < 2) errors.Add($"keep-versions must be at least 2 (the previous version stays until the new one loads), got {KeepVersions}");
        foreach (string e in Matrix.Validate()) errors.Add("Matrix." + e);
        if (ItemKnn is not null) foreach (string e in ItemKnn.Validate()) errors.Add("ItemKnn." + e);
        if (Als is not null) foreach (string e in Als.Validate()) errors.Add("Als." + e);
        return errors;
    }
}
