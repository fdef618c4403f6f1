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
                using (UploadIds.LockClaim(dir!, ".completing-x"))
                {
                    Assert.False(UploadIds.ClaimAbandoned(dir!, ".completing-x", longAgo));
                }

                Assert.True(UploadIds.ClaimAbandoned(dir!, ".completing-x", DateTimeOffset.UtcNow.AddDays(-1)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
