using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks;

/// <summary>Presigned URLs (SigV4 in the query, payload `UNSIGNED-PAYLOAD`) for one method, valid for an hour.</summary>
internal static class Presigned
{
    public static Uri Url(AmazonS3Client client, string bucket, string key, HttpMethod method) => new(client.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = bucket,
        Key = key,
        Verb = method == HttpMethod.Put ? HttpVerb.PUT : method == HttpMethod.Head ? HttpVerb.HEAD : HttpVerb.GET,
        Protocol = Protocol.HTTP,
        Expires = DateTime.UtcNow.AddHours(1),
    }));
}
