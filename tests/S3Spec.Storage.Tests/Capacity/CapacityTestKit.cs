using System.Diagnostics;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Capacity;

/// <summary>Helpers of the capacity tests: volume registry files, a manual clock, tmpfs mounts.</summary>
internal static class CapacityTestKit
{
    public static void WriteRegistry(string dataRoot, string json)
    {
        var dir = Path.Combine(dataRoot, ".s3spec");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "volumes.json"), json);
    }

    public static void SetQuota(string dataRoot, long bytes) =>
        WriteRegistry(dataRoot, "{\"volumes\":{\"" + TestVolume.Name + "\":{\"quotaBytes\":" + bytes + "}}}");

    public static TestVolume QuotaVolume(long bytes)
    {
        var v = new TestVolume();
        v.Options.CapacityWalkInterval = Timeout.InfiniteTimeSpan; // walks only when a test asks
        SetQuota(v.DataRoot, bytes);
        return v;
    }

    public static MemoryStream Body(int size, byte fill = (byte)'x')
    {
        var data = new byte[size];
        Array.Fill(data, fill);
        return new MemoryStream(data);
    }

    public static Task<ObjectInfo> PutChunked(TestVolume v, string key, Stream body) =>
        v.Store.PutObjectAsync(TestVolume.Name, key, body, PutObjectOptions.Default, default);

    public static Task<ObjectInfo> PutDeclared(TestVolume v, string key, Stream body) =>
        v.Store.PutObjectAsync(TestVolume.Name, key, body, new PutObjectOptions { ContentLength = body.Length }, default);

    public static Task<PartInfo> Part(TestVolume v, string key, string uploadId, int n, Stream body) =>
        v.Store.UploadPartAsync(TestVolume.Name, key, uploadId, n, body, new PutObjectOptions { ContentLength = body.Length }, default);

    public static string[] StagedFiles(TestVolume v, string uploadId)
    {
        var dir = Path.Combine(v.VolumePath, ".s3compat_uploads", uploadId);
        return Directory.Exists(dir) ? Directory.GetFiles(dir) : [];
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "2m") at <paramref name="dir"/>; false when mounting is not possible.</summary>
    public static bool TryMountTmpfs(string dir, string size)
    {
        Directory.CreateDirectory(dir);
        return Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir) == 0;
    }

    /// <summary>Unmounts <paramref name="dir"/>; false when umount failed (busy: something still holds it open).</summary>
    public static bool Unmount(string dir) => Run("umount", dir) == 0;

    /// <summary>Detaches a busy mount (umount -l), so that a failed test leaves no mount behind.</summary>
    public static void Detach(string dir) => Run("umount", "-l", dir);

    private static int Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A fact that is skipped (with the reason) when a tmpfs cannot be mounted here (not root, no mount).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> CanMount = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "s3spec-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (!CapacityTestKit.TryMountTmpfs(dir, "1m"))
            {
                return false;
            }

            return CapacityTestKit.Unmount(dir);
        }
        finally
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
            }
        }
    });

    public TmpfsFactAttribute()
    {
        if (!CanMount.Value)
        {
            Skip = "Needs `mount -t tmpfs` (root in a mount namespace); mounting a tmpfs failed here.";
        }
    }
}
