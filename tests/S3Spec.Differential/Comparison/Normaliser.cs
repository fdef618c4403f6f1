using S3Spec.Differential.Execution;
using S3Spec.Differential.Running;

namespace S3Spec.Differential.Comparison;

/// <summary>
/// Removes what legitimately differs between two servers before the comparison: request ids, dates (kept only as
/// "a date"), owners and initiators, hosts and ports, upload ids (named by the Create step that made them), continuation
/// tokens (opaque: only whether there is one), and error messages (only the code is compared).
/// </summary>
internal static class Normaliser
{
    public static Outcome Normalise(Outcome outcome, SideState side)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in outcome.Fields)
        {
            var leaf = Leaf(name);
            switch (leaf)
            {
                case "RequestId" or "HostId" or "RequestCharged" or "Message" or "ID" or "DisplayName" or "ServerSideEncryption" or "BucketKeyEnabled":
                    continue;
                case "LastModified" or "Initiated" or "Date":
                    fields[name] = "<date>";
                    continue;
                case "UploadId" or "UploadIdMarker" or "NextUploadIdMarker":
                    fields[name] = side.UploadName(value);
                    continue;
                case "NextContinuationToken":
                    fields[name] = "<token>";
                    continue;
                case "ContinuationToken":
                    fields[name] = value == side.LastSentToken ? "<sent token>" : value;
                    continue;
                case "Location":
                    // Path style here, virtual-hosted at a made-up AWS host in moto: only that there is one.
                    fields[name] = "<location>";
                    continue;
                default:
                    fields[name] = value;
                    continue;
            }
        }

        return outcome with { Fields = fields };
    }

    public static string Leaf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
