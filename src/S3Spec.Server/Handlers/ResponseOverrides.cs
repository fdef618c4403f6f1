using S3Spec.Server.Protocol;

namespace S3Spec.Server.Handlers;

/// <summary>The response-* query overrides of GetObject / HeadObject, as header bytes (their text's UTF-8).</summary>
internal sealed record ResponseOverrides(
    string? ContentType, string? ContentLanguage, string? Expires, string? CacheControl, string? ContentDisposition, string? ContentEncoding)
{
    /// <summary>
    /// Reads the decoded query values; a value holding a control character (CR, LF and the other bytes a header
    /// cannot carry) is 400 InvalidArgument, so nothing is ever injected and nothing fails later.
    /// </summary>
    public static ResponseOverrides FromQuery(
        string? contentType, string? contentLanguage, string? expires, string? cacheControl, string? contentDisposition, string? contentEncoding) =>
        new(
            Header("response-content-type", contentType),
            Header("response-content-language", contentLanguage),
            Header("response-expires", expires),
            Header("response-cache-control", cacheControl),
            Header("response-content-disposition", contentDisposition),
            Header("response-content-encoding", contentEncoding));

    private static string? Header(string parameter, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        HeaderBytes.RequireStorable(parameter, text);
        return HeaderBytes.FromText(text);
    }
}
