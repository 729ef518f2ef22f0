using System.Runtime.InteropServices;

namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// The entry points of LightGBM's C API (<c>lib_lightgbm</c> from the LightGBM 4.7.0 NuGet package, in the plugin folder's
/// <c>runtimes/</c>) that training uses: a dataset from a row-major matrix (NaN missing) with labels, query groups and weights,
/// a booster with a validation set, one boosting round at a time, the validation metric, and saving the text model (and
/// LightGBM's own predictions, which the tests use as the oracle for our model reader). The library is loaded on the first
/// call, so serving never needs it.
/// </summary>
internal static partial class LightGbm
{
    private const string Library = "lib_lightgbm";
    private const int Float64 = 1;
    private const int Float32 = 0;
    private const int Int32 = 2;

    [LibraryImport(Library)]
    private static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetCreateFromMat(double* data, int dataType, int rows, int columns, int rowMajor, string parameters,
        IntPtr reference, out IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetSetField(IntPtr dataset, string field, void* data, int count, int type);

    [LibraryImport(Library)]
    private static partial int LGBM_DatasetFree(IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterCreate(IntPtr dataset, string parameters, out IntPtr booster);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterAddValidData(IntPtr booster, IntPtr dataset);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterUpdateOneIter(IntPtr booster, out int finished);

    [LibraryImport(Library)]
    private static unsafe partial int LGBM_BoosterGetEval(IntPtr booster, int dataIndex, out int length, double* results);

    [LibraryImport(Library)]
    private static unsafe partial int LGBM_BoosterGetPredict(IntPtr booster, int dataIndex, out long length, double* results);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterSaveModel(IntPtr booster, int startIteration, int iterations, int importanceType, string file);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_BoosterPredictForMat(IntPtr booster, double* data, int dataType, int rows, int columns, int rowMajor,
        int predictType, int startIteration, int iterations, string parameter, out long length, double* result);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterFree(IntPtr booster);

    /// <summary><see cref="Booster.Predict"/>'s kind: one raw score per row.</summary>
    public const int PredictRawScore = 1;

    /// <summary><see cref="Booster.Predict"/>'s kind: per row, each feature's contribution and the bias (SHAP values).</summary>
    public const int PredictContrib = 3;

    /// <summary>A dataset; disposing frees it.</summary>
    public sealed class Dataset : IDisposable
    {
        internal IntPtr Handle { get; private set; }

        private Dataset(IntPtr handle) => Handle = handle;

        /// <summary>
        /// A dataset of <paramref name="rows"/> x <paramref name="columns"/> row-major values with a label per row, the size of each
        /// query group in order (none for regression), and optional per-row weights; binned like <paramref name="reference"/>
        /// when given (a validation set).
        /// </summary>
        public static unsafe Dataset Create(double[] data, int rows, int columns, float[] labels, int[]? groups, float[]? weights, string parameters, Dataset? reference)
        {
            IntPtr handle;
            fixed (double* x = data)
                Check(LGBM_DatasetCreateFromMat(x, Float64, rows, columns, 1, parameters, reference?.Handle ?? IntPtr.Zero, out handle));
            var dataset = new Dataset(handle);
            try
            {
                fixed (float* y = labels)
                    Check(LGBM_DatasetSetField(handle, "label", y, labels.Length, Float32));
                if (groups is not null)
                    fixed (int* g = groups)
                        Check(LGBM_DatasetSetField(handle, "group", g, groups.Length, Int32));
                if (weights is not null)
                    fixed (float* w = weights)
                        Check(LGBM_DatasetSetField(handle, "weight", w, weights.Length, Float32));
                return dataset;
            }
            catch
            {
                dataset.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (Handle != IntPtr.Zero) LGBM_DatasetFree(Handle);
            Handle = IntPtr.Zero;
        }
    }

    /// <summary>A booster being trained; disposing frees it.</summary>
    public sealed class Booster : IDisposable
    {
        private IntPtr _handle;

        /// <summary>A booster on <paramref name="train"/>, reporting its metric on <paramref name="validation"/> when given.</summary>
        public Booster(Dataset train, Dataset? validation, string parameters)
        {
            Check(LGBM_BoosterCreate(train.Handle, parameters, out _handle));
            if (validation is not null) Check(LGBM_BoosterAddValidData(_handle, validation.Handle));
        }

        /// <summary>One boosting round; false when LightGBM can split no further.</summary>
        public bool Update()
        {
            Check(LGBM_BoosterUpdateOneIter(_handle, out int finished));
            return finished == 0;
        }

        /// <summary>The first metric on the validation set (NDCG at the first <c>eval_at</c>).</summary>
        public unsafe double ValidationMetric()
        {
            double* results = stackalloc double[16];
            Check(LGBM_BoosterGetEval(_handle, 1, out int length, results));
            return length > 0 ? results[0] : double.NaN;
        }

        /// <summary>The booster's current raw scores of the validation rows, in row order.</summary>
        public unsafe void ValidationScores(double[] scores)
        {
            fixed (double* s = scores)
                Check(LGBM_BoosterGetPredict(_handle, 1, out long length, s));
        }

        /// <summary>Saves the first <paramref name="iterations"/> rounds as a text model.</summary>
        public void Save(string path, int iterations) => Check(LGBM_BoosterSaveModel(_handle, 0, iterations, 0, path));

        /// <summary>
        /// LightGBM's prediction for row-major <paramref name="rows"/> x <paramref name="columns"/> values, one thread: one raw
        /// score per row (<see cref="PredictRawScore"/>), or <paramref name="columns"/> + 1 contributions per row (<see cref="PredictContrib"/>).
        /// </summary>
        public unsafe double[] Predict(double[] data, int rows, int columns, int predictType)
        {
            var result = new double[predictType == PredictContrib ? rows * (columns + 1) : rows];
            fixed (double* x = data)
            fixed (double* r = result)
                Check(LGBM_BoosterPredictForMat(_handle, x, Float64, rows, columns, 1, predictType, 0, -1, "num_threads=1", out _, r));
            return result;
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero) LGBM_BoosterFree(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private static void Check(int status)
    {
        if (status != 0) throw new InvalidOperationException("LightGBM: " + Marshal.PtrToStringUTF8(LGBM_GetLastError()));
    }
}
