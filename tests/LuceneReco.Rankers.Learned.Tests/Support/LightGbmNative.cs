using System.Runtime.InteropServices;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>
/// The few entry points of LightGBM's C API (lib_lightgbm from the LightGBM 4.7.0 NuGet package) that the tests use to train a
/// small model, save it as text, and ask LightGBM itself for raw scores and contributions: the oracle for our reader.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";
    private const int Float64 = 1;
    private const int Float32 = 0;
    private const int Int32 = 2;
    public const int PredictRawScore = 1;
    public const int PredictContrib = 3;

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
    private static partial int LGBM_BoosterUpdateOneIter(IntPtr booster, out int finished);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterSaveModel(IntPtr booster, int startIteration, int iterations, int importanceType, string file);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_BoosterPredictForMat(IntPtr booster, double* data, int dataType, int rows, int columns, int rowMajor,
        int predictType, int startIteration, int iterations, string parameter, out long length, double* result);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterFree(IntPtr booster);

    /// <summary>A trained booster; disposing frees it.</summary>
    public sealed class Booster : IDisposable
    {
        private IntPtr _handle;

        internal Booster(IntPtr handle) => _handle = handle;

        public void Save(string path) => Check(LGBM_BoosterSaveModel(_handle, 0, -1, 0, path));

        /// <summary>LightGBM's prediction for row-major <paramref name="rows"/> x <paramref name="columns"/> values: one raw score per row, or F + 1 contributions.</summary>
        public unsafe double[] Predict(double[] data, int rows, int columns, int predictType)
        {
            var result = new double[predictType == PredictContrib ? rows * (columns + 1) : rows];
            fixed (double* x = data)
            fixed (double* r = result)
                Check(LGBM_BoosterPredictForMat(_handle, x, Float64, rows, columns, 1, predictType, 0, -1, "num_threads=1", out long length, r));
            return result;
        }

        public void Dispose()
        {
            if (_handle != IntPtr.Zero) LGBM_BoosterFree(_handle);
            _handle = IntPtr.Zero;
        }
    }

    /// <summary>Trains <paramref name="iterations"/> rounds on row-major data with labels and (for ranking) query group sizes.</summary>
    public static unsafe Booster Train(double[] data, int rows, int columns, float[] labels, int[]? groups, string parameters, int iterations)
    {
        IntPtr dataset;
        fixed (double* x = data)
            Check(LGBM_DatasetCreateFromMat(x, Float64, rows, columns, 1, parameters, IntPtr.Zero, out dataset));
        try
        {
            fixed (float* y = labels)
                Check(LGBM_DatasetSetField(dataset, "label", y, labels.Length, Float32));
            if (groups is not null)
                fixed (int* g = groups)
                    Check(LGBM_DatasetSetField(dataset, "group", g, groups.Length, Int32));
            Check(LGBM_BoosterCreate(dataset, parameters, out IntPtr booster));
            var result = new Booster(booster);
            for (int k = 0; k < iterations; k++)
            {
                Check(LGBM_BoosterUpdateOneIter(booster, out int finished));
                if (finished != 0) break;
            }
            return result;
        }
        finally
        {
            LGBM_DatasetFree(dataset);
        }
    }

    private static void Check(int status)
    {
        if (status != 0) throw new InvalidOperationException("LightGBM: " + Marshal.PtrToStringUTF8(LGBM_GetLastError()));
    }
}
