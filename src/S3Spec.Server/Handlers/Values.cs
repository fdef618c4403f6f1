using Microsoft.Extensions.Primitives;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Small request-value helpers shared by the handlers.</summary>
internal static class Values
{
    /// <summary>An absent or empty header or query value is null.</summary>
    public static string? OrNull(StringValues value) =>
        value.Count == 0 || string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();

    public static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>NoSuchBucket unless the volume exists.</summary>
    public static void RequireVolume(this IObjectStore store, string bucket)
    {
        if (store.GetVolume(bucket) is null)
        {
            throw new S3Exception(S3Errors.NoSuchBucket);
        }
    }
}
