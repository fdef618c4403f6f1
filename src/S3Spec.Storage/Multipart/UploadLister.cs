using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// ListMultipartUploads: reads the upload records of the staging folder, sorted by key (UTF-8 order) then upload
/// id (ids begin with the creation time, so this is initiation order), with key/upload-id markers and delimiter.
/// </summary>
internal sealed class UploadLister(VolumeRegistry volumes, Staging staging)
{
    public ListUploadsPage List(string volume, ListUploadsRequest req)
    {
        using var vol = volumes.Open(volume);
        var all = new List<MultipartUploadInfo>();
        using (var root = staging.OpenRoot(vol, create: false))
        {
            if (root is not null)
            {
                var entries = new List<DirEntry>();
                Fs.TryReadDir(root, entries, null);
                foreach (var e in entries)
                {
                    if (!UploadIds.IsValid(e.Name))
                    {
                        continue;
                    }

                    using var dir = staging.OpenDir(root, e.Name, create: false);
                    if (dir is not null && Uploads.ReadUpload(dir) is { } info && info.UploadId == e.Name
                        && info.Key.StartsWith(req.Prefix ?? "", StringComparison.Ordinal))
                    {
                        all.Add(info);
                    }
                }
            }
        }

        all.Sort(static (a, b) =>
        {
            var c = Utf8Order.Cmp(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.UploadId, b.UploadId);
        });

        var uploads = new List<MultipartUploadInfo>();
        var prefixes = new List<string>();
        var delimiter = string.IsNullOrEmpty(req.Delimiter) ? null : req.Delimiter;
        var keyMarker = string.IsNullOrEmpty(req.KeyMarker) ? null : req.KeyMarker;
        var idMarker = string.IsNullOrEmpty(req.UploadIdMarker) ? null : req.UploadIdMarker;
        var prefixLength = (req.Prefix ?? "").Length;
        var truncated = false;
        string? nextKey = null, nextId = null;
        foreach (var u in all)
        {
            if (keyMarker is not null)
            {
                var c = Utf8Order.Cmp(u.Key, keyMarker);
                if (c < 0 || (c == 0 && (idMarker is null || string.CompareOrdinal(u.UploadId, idMarker) <= 0)))
                {
                    continue;
                }
            }

            string? common = null;
            if (delimiter is not null)
            {
                var at = u.Key.IndexOf(delimiter, prefixLength, StringComparison.Ordinal);
                common = at < 0 ? null : u.Key[..(at + delimiter.Length)];
            }

            if (common is not null && ((prefixes.Count > 0 && prefixes[^1] == common) || common == keyMarker))
            {
                continue;
            }

            if (uploads.Count + prefixes.Count >= Math.Max(0, req.MaxUploads))
            {
                truncated = true;
                break;
            }

            if (common is not null)
            {
                prefixes.Add(common);
                nextKey = common;
                nextId = null;
            }
            else
            {
                uploads.Add(u);
                nextKey = u.Key;
                nextId = u.UploadId;
            }
        }

        return new ListUploadsPage(uploads, prefixes, truncated, truncated ? nextKey : null, truncated ? nextId : null);
    }
}
