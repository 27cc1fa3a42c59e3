using System.Runtime.InteropServices;

namespace Gatewayz.Api.Profiling;

/// <summary>The operating-system id of the calling thread: EventPipe samples name threads by it.</summary>
internal static class OsThread
{
    [ThreadStatic]
    private static int t_id;

    public static int CurrentId => t_id != 0 ? t_id : t_id = Query();

    private static int Query()
    {
        if (OperatingSystem.IsLinux()) return LinuxGetTid();
        if (OperatingSystem.IsWindows()) return (int)WindowsGetCurrentThreadId();
        return Environment.CurrentManagedThreadId;
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int LinuxGetTid();

    [DllImport("kernel32.dll", EntryPoint = "GetCurrentThreadId")]
    private static extern uint WindowsGetCurrentThreadId();
}
