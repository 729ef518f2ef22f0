namespace LuceneReco.Rankers.Learned.Models;

/// <summary>Opening model files: a file that cannot be read is a <see cref="ModelFormatException"/> naming it, like a damaged one.</summary>
internal static class ModelFiles
{
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, null, "cannot be read: " + e.Message, e);
        }
    }

    public static string[] ReadAllLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, null, "cannot be read: " + e.Message, e);
        }
    }
}
