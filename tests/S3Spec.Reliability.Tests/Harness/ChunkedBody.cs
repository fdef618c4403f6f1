using System.Globalization;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>Builds a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body: each chunk signed, chained from the seed signature.</summary>
internal static class ChunkedBody
{
    /// <param name="corruptChunk">0-based index of a data chunk whose signature is replaced by a wrong one; -1 for none.</param>
    public static byte[] Build(byte[] data, int chunkSize, string seedSignature, Creds creds, DateTimeOffset time, int corruptChunk = -1)
    {
        var iso = SigV4.Iso(time);
        var scope = $"{iso[..8]}/{creds.Region}/s3/aws4_request";
        var key = SigV4.SigningKey(creds, iso[..8]);
        var previous = seedSignature;
        using var output = new MemoryStream();
        var index = 0;
        for (var offset = 0; ; offset += chunkSize, index++)
        {
            offset = Math.Min(offset, data.Length);
            var chunk = data.AsSpan(offset, Math.Min(chunkSize, data.Length - offset));
            var sts = $"AWS4-HMAC-SHA256-PAYLOAD\n{iso}\n{scope}\n{previous}\n{SigV4.EmptySha256}\n{SigV4.Sha256Hex(chunk)}";
            previous = SigV4.Hex(SigV4.Hmac(key, sts));
            var signature = index == corruptChunk ? new string('0', 64) : previous;
            output.Write(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + ";chunk-signature=" + signature + "\r\n"));
            output.Write(chunk);
            output.Write("\r\n"u8);
            if (chunk.Length == 0)
            {
                break;
            }
        }

        return output.ToArray();
    }
}
