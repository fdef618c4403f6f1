using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// The end of a claimed upload (<c>.completing-&lt;id&gt;</c>): finished (completion record written, folder removed)
/// when its Complete published, else returned to <c>&lt;id&gt;</c> so that it can be completed again. Used by Complete,
/// its retries and housekeeping alike.
/// </summary>
internal sealed class Claims(Staging staging)
{
    /// <summary>Writes <c>&lt;id&gt;.done</c> (what a retry answers) and removes the claimed folder.</summary>
    public void Finish(SafeFileHandle root, string claimed, string uploadId, ObjectInfo result)
    {
        staging.WriteSmallFile(root, uploadId + UploadIds.DoneSuffix, RecordCodec.EncodeDone(result));
        Fs.RemoveFlatTree(root, claimed);
    }

    /// <summary>
    /// The answer of a claimed upload whose Complete published before it died (its intent says so), after finishing
    /// the claim; null when nothing was published.
    /// </summary>
    public ObjectInfo? FinishPublished(Volume vol, SafeFileHandle root, string claimed, string uploadId)
    {
        ObjectInfo? result = null;
        try
        {
            using var dir = staging.OpenDir(root, claimed, create: false);
            result = dir is not null && CompletionIntent.Read(dir) is { } intent && intent.WasPublished(vol, dir) ? intent.Result : null;
        }
        catch (S3Exception)
        {
            // Not a directory one can open beneath the staging folder (a planted symlink): nothing was published from it.
        }

        if (result is not null)
        {
            Finish(root, claimed, uploadId, result);
        }

        return result;
    }

    /// <summary>Returns a claim whose Complete did not publish to its upload id, without its (stale) intent.</summary>
    private void Return(SafeFileHandle root, string claimed, string uploadId)
    {
        try
        {
            using var dir = staging.OpenDir(root, claimed, create: false);
            if (dir is not null)
            {
                Fs.TryUnlinkAt(dir, CompletionIntent.Name, false);
            }
        }
        catch (S3Exception)
        {
            // A claimed folder that cannot be opened (not a directory) is only renamed back.
        }

        Fs.TryRenameAt(root, claimed, root, uploadId);
    }

    /// <summary>
    /// A claim whose completer is gone or failed: finished when it was completed or published, else returned to its
    /// upload id (housekeeping, and a Complete that failed).
    /// </summary>
    public void Settle(Volume vol, SafeFileHandle root, string claimed)
    {
        var uploadId = claimed[UploadIds.CompletingPrefix.Length..];
        if (Staging.ReadSmallFile(root, uploadId + UploadIds.DoneSuffix) is not null)
        {
            Fs.RemoveFlatTree(root, claimed);
            return;
        }

        if (FinishPublished(vol, root, claimed, uploadId) is null)
        {
            Return(root, claimed, uploadId);
        }
    }
}
