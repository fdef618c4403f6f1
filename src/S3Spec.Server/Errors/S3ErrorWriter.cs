using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Routing;
using S3Spec.Server.Xml;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Errors;

/// <summary>Writes an S3 error response: status from the error table and the S3 XML error body (none for HEAD).</summary>
internal sealed class S3ErrorWriter(S3XmlSerializer serializer)
{
    public async Task WriteAsync(HttpContext context, S3Error error, string message, IReadOnlyList<KeyValuePair<string, string>> details)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = error.Status;
        if (HttpMethods.IsHead(context.Request.Method) || error.Status == StatusCodes.Status304NotModified)
        {
            return;
        }

        response.ContentType = "application/xml";
        await serializer.WriteAsync(response.Body, Body(context, error, message, details), CancellationToken.None);
    }

    /// <summary>The S3 XML error body for a request (also written inside a 200 response that already started).</summary>
    public static Error Body(HttpContext context, S3Error error, string message, IReadOnlyList<KeyValuePair<string, string>> details)
    {
        var target = context.Features.Get<S3Target>();
        var body = new Error
        {
            Code = error.Code,
            Message = message,
            Resource = target?.Resource ?? context.Request.Path.Value,
            RequestId = context.TraceIdentifier,
        };
        foreach (var (name, value) in details)
        {
            switch (name)
            {
                case "Region": body.Region = value; break;
                case "Key": body.Key = value; break;
                case "BucketName": body.BucketName = value; break;
                default: break;
            }
        }

        if (target?.Key is { } key && body.Key is null && error.Status == StatusCodes.Status404NotFound)
        {
            body.Key = key;
        }

        if (target?.Bucket is { } bucket && body.BucketName is null && error.Status == StatusCodes.Status404NotFound)
        {
            body.BucketName = bucket;
        }

        body.Message = Carried(body.Message);
        body.Resource = Carried(body.Resource);
        body.Key = Carried(body.Key);
        body.BucketName = Carried(body.BucketName);
        body.Region = Carried(body.Region);
        return body;
    }

    /// <summary>An error body is always writable: characters XML 1.0 cannot carry (a key's control characters) are sent percent-encoded.</summary>
    private static string? Carried(string? value) =>
        value is null || XmlText.CanCarry(value) ? value : XmlText.PercentEncodeUncarried(value);
}
