using System.Security.Cryptography;

namespace S3Spec.Storage.Posix;

/// <summary>
/// Names of the multipart layout in the staging folder (upload ids: 32 lower-case hex characters, the first 16 the
/// creation time, so ids sort by initiation; part files and records; claims and completion records). Names only: the
/// folders that act on them are above (Multipart, Capacity, Maintenance).
/// </summary>
internal static class UploadIds
{
    public const string CompletingPrefix = ".completing-";
    public const string DoneSuffix = ".done";
    public const string RecordName = "upload";
    public const string CompleterLockName = ".completer.lock";

    /// <summary>The data file that placed parts are written into (Multipart/PlacedParts).</summary>
    public const string PlacedDataName = "parts.data";

    public static string New(DateTimeOffset now) =>
        now.ToUnixTimeMilliseconds().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The record of a staged part, named by the part file's inode ("part-00001.1a2b.meta").</summary>
    public static string PartRecordName(string partName, ulong ino) =>
        partName + "." + ino.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ".meta";

    public static string PartName(int partNumber) => "part-" + partNumber.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file of an upload folder that holds part bytes (a staged part or the placed parts' data file).</summary>
    public static bool IsPartData(string name) => name == PlacedDataName || TryParsePartName(name, out _);

    public static bool TryParsePartName(string name, out int partNumber)
    {
        partNumber = 0;
        return name.Length >= 10 && name.StartsWith("part-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out partNumber);
    }
}
