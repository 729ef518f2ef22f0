using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.UserKnn;

namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>Saving and loading the collaborative models as versioned files (<c>itemknn-v{N}.bin</c>, <c>als-v{N}.bin</c>).</summary>
public static class ModelFiles
{
    /// <summary>Writes <paramref name="model"/> as the next item-kNN version in <paramref name="directory"/>; returns the file's path and its stamped metadata.</summary>
    public static (string Path, ModelMetadata Metadata) Save(ItemKnnModel model, string directory, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFile.Write(directory, ItemKnnModel.Kind, metadata, model.WritePayload);
    }

    /// <summary>Writes <paramref name="model"/> as the next ALS version in <paramref name="directory"/>; returns the file's path and its stamped metadata.</summary>
    public static (string Path, ModelMetadata Metadata) Save(ImplicitAlsModel model, string directory, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFile.Write(directory, ImplicitAlsModel.Kind, metadata, model.WritePayload);
    }

    /// <summary>Writes <paramref name="model"/> as the next EASE version in <paramref name="directory"/>; returns the file's path and its stamped metadata.</summary>
    public static (string Path, ModelMetadata Metadata) Save(EaseModel model, string directory, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFile.Write(directory, EaseModel.Kind, metadata, model.WritePayload);
    }

    /// <summary>Writes <paramref name="model"/> as the next user-kNN version in <paramref name="directory"/>; returns the file's path and its stamped metadata.</summary>
    public static (string Path, ModelMetadata Metadata) Save(UserKnnModel model, string directory, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelFile.Write(directory, UserKnnModel.Kind, metadata, model.WritePayload);
    }

    /// <summary>Loads an EASE model file; throws <see cref="ModelFileException"/> naming the file when it is damaged.</summary>
    public static (EaseModel Model, ModelMetadata Metadata) LoadEase(string path) => ModelFile.Read(path, EaseModel.Kind, EaseModel.ReadPayload);

    /// <summary>Loads a user-kNN model file; throws <see cref="ModelFileException"/> naming the file when it is damaged.</summary>
    public static (UserKnnModel Model, ModelMetadata Metadata) LoadUserKnn(string path) => ModelFile.Read(path, UserKnnModel.Kind, UserKnnModel.ReadPayload);

    /// <summary>Loads an item-kNN model file; throws <see cref="ModelFileException"/> naming the file when it is damaged.</summary>
    public static (ItemKnnModel Model, ModelMetadata Metadata) LoadItemKnn(string path) => ModelFile.Read(path, ItemKnnModel.Kind, ItemKnnModel.ReadPayload);

    /// <summary>Loads an ALS model file; throws <see cref="ModelFileException"/> naming the file when it is damaged.</summary>
    public static (ImplicitAlsModel Model, ModelMetadata Metadata) LoadAls(string path) => ModelFile.Read(path, ImplicitAlsModel.Kind, ImplicitAlsModel.ReadPayload);

    /// <summary>The version files of <paramref name="kind"/> in <paramref name="directory"/>, newest first (not checked).</summary>
    public static IReadOnlyList<(int Version, string Path)> Versions(string directory, string kind) => ModelFile.Versions(directory, kind);

    /// <summary>Deletes all but the newest <paramref name="keep"/> versions of <paramref name="kind"/>; returns the deleted paths.</summary>
    public static IReadOnlyList<string> Prune(string directory, string kind, int keep) => ModelFile.Prune(directory, kind, keep);
}
