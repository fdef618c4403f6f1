using S3Spec.Storage.Contract;
using S3Spec.Storage.Multipart;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Multipart;

/// <summary>A claimed upload is returned by housekeeping only when its completer is gone (its lock can be taken).</summary>
public sealed class CompleterLockTests
{
    [Fact]
    public void AClaimIsAbandonedOnlyOnceItsCompleterLockIsReleased()
    {
        var root = Path.Combine(Path.GetTempPath(), "s3spec-claim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, ".completing-x"));
        try
        {
            Assert.Equal(0, Fs.TryOpenAtPath(root, out var dir));
            using (dir)
            {
                var longAgo = DateTimeOffset.UtcNow.AddDays(1);
                using (ClaimLocks.LockClaim(dir!, ".completing-x", out var locked))
                {
                    Assert.True(locked);
                    Assert.False(ClaimLocks.ClaimAbandoned(dir!, ".completing-x", longAgo));
                }

                Assert.True(ClaimLocks.ClaimAbandoned(dir!, ".completing-x", DateTimeOffset.UtcNow.AddDays(-1)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>A Complete killed after claiming its upload can be retried at once; a live completer is not taken over.</summary>
public sealed partial class CompleteTakeoverTests
{
    [Fact]
    public async Task ARetryTakesOverAClaimWhoseCompleterDied()
    {
        using var v = new TestVolume();
        var (up, part) = await Stage(v);
        var staging = Path.Combine(v.VolumePath, ".s3compat_uploads");
        Directory.Move(Path.Combine(staging, up.UploadId), Path.Combine(staging, ".completing-" + up.UploadId));

        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, [new CompletedPart(1, part.ETag)], CompleteOptions.None, default);

        Assert.EndsWith("-1\"", done.ETag, StringComparison.Ordinal);
        Assert.Equal("data", await v.ReadAsync("k"));
    }

    [Fact]
    public async Task ARetryDoesNotTakeOverALiveCompleter()
    {
        using var v = new TestVolume();
        var (up, part) = await Stage(v);
        var staging = Path.Combine(v.VolumePath, ".s3compat_uploads");
        var claimed = Path.Combine(staging, ".completing-" + up.UploadId);
        Directory.Move(Path.Combine(staging, up.UploadId), claimed);
        using var live = File.OpenHandle(Path.Combine(claimed, ".completer.lock"), FileMode.OpenOrCreate, FileAccess.Read);
        Assert.Equal(0, Flock((int)live.DangerousGetHandle(), 2 | 4));

        var e = await Assert.ThrowsAsync<S3Spec.Core.Errors.S3Exception>(() =>
            v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, [new CompletedPart(1, part.ETag)], CompleteOptions.None, default));

        Assert.Equal("ConditionalRequestConflict", e.Error.Code);
        Assert.False(File.Exists(v.PathOf("k")));
    }

    private static async Task<(MultipartUploadInfo Upload, PartInfo Part)> Stage(TestVolume v)
    {
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "owner", null, default);
        var part = await v.Store.UploadPartAsync(TestVolume.Name, "k", up.UploadId, 1, new MemoryStream("data"u8.ToArray()), PutObjectOptions.Default, default);
        return (up, part);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
