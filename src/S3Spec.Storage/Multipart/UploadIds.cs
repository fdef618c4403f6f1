using System.Security.Cryptography;

namespace S3Spec.Storage.Multipart;

/// <summary>Upload ids: 32 lower-case hex characters, the first 16 the creation time, so ids sort by initiation.</summary>
internal static class UploadIds
{
    public const string CompletingPrefix = ".completing-";
    public const string DoneSuffix = ".done";
    public const string RecordName = "upload";

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

    public static string PartName(int partNumber) => "part-" + partNumber.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParsePartName(string name, out int partNumber)
    {
        partNumber = 0;
        return name.Length >= 10 && name.StartsWith("part-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out partNumber);
    }
}
