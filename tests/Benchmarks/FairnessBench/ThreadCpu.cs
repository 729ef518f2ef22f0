using System.Runtime.InteropServices;

namespace LuceneReco.FairnessBench;

/// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), to tell work from waiting on shared cores.</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    /// <summary>Microseconds of CPU this thread has used, or NaN where the clock is not available.</summary>
    public static double Microseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out Timespec t) != 0) return double.NaN;
        return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
    }
}
