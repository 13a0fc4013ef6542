using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace WfaaS.Bench;

/// <summary>Where the run happened: cores, memory and CPU from /proc, the OS, the runtime, the commit.</summary>
internal sealed record Machine(int Cores, long MemoryBytes, string Cpu, string Os, string Runtime)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        MemTotalBytes(),
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    /// <summary><c>git rev-parse HEAD</c> in the repository, or "unknown".</summary>
    public static async Task<string> CommitAsync(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = repoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return "unknown";
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var output = await git.StandardOutput.ReadToEndAsync(timeout.Token);
            await git.WaitForExitAsync(timeout.Token);
            return git.ExitCode == 0 && output.Trim() is { Length: > 0 } hash ? hash : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static long MemTotalBytes() =>
        ProcLine("/proc/meminfo", "MemTotal:") is { } line &&
        long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : 0;

    private static string CpuModel() => ProcLine("/proc/cpuinfo", "model name") is { } line ? line.TrimStart(':', ' ', '\t') : "unknown";

    private static string? ProcLine(string file, string prefix)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
