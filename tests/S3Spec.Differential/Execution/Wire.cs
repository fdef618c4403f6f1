using System.Security.Cryptography;
using System.Text;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Execution;

/// <summary>What every stack derives from a step the same way: the body, Content-MD5 values, XML bodies.</summary>
internal static class Wire
{
    public static byte[] Body(Step step) => Bodies.Make(step.BodySize, step.BodySeed);

    /// <summary>The Content-MD5 header for the step's mode, or null.</summary>
    public static string? ContentMd5(Step step, byte[] body) => step.ContentMd5 switch
    {
        null => null,
        "valid" => Convert.ToBase64String(MD5.HashData(body)),
        "wrong" => Convert.ToBase64String(MD5.HashData([.. body, (byte)'x'])),
        "empty" => "",
        "blank" => "   ",
        "short" => Convert.ToBase64String(new byte[8]),
        _ => "not-base64!!",
    };

    public static byte[] DeleteXml(Step step)
    {
        var sb = new StringBuilder("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        if (step.Quiet)
        {
            sb.Append("<Quiet>true</Quiet>");
        }

        foreach (var key in step.Keys ?? [])
        {
            sb.Append("<Object><Key>").Append(Escape(key)).Append("</Key></Object>");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</Delete>").ToString());
    }

    public static byte[] CompleteXml(Step step)
    {
        var sb = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        foreach (var (number, etag) in step.ResolvedParts ?? [])
        {
            sb.Append("<Part><PartNumber>").Append(number).Append("</PartNumber><ETag>").Append(Escape(etag)).Append("</ETag></Part>");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</CompleteMultipartUpload>").ToString());
    }

    /// <summary>XML text escaping; characters XML 1.0 cannot carry are written as character references (the server then refuses the body).</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\r' => "&#xD;",
                _ when c < ' ' && c != '\t' && c != '\n' => $"&#x{(int)c:X};",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A header value as bytes, one char each: Latin-1 values as they are, others as their UTF-8 bytes.</summary>
    public static string Bytes(HeaderValue value) =>
        value.Latin1 ? value.Text : Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(value.Text));

    /// <summary>The body summary compared (length and a hash prefix).</summary>
    public static string Summary(ReadOnlySpan<byte> body) => $"{body.Length} bytes sha256:{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}";
}
