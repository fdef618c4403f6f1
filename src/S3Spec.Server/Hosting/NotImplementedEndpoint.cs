using S3Spec.Core.Errors;

namespace S3Spec.Server.Hosting;

/// <summary>Every request no spec operation accepts (unknown sub-resources, methods, paths) answers NotImplemented.</summary>
internal static class NotImplementedEndpoint
{
    public static IEndpointConventionBuilder MapS3NotImplemented(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map("{**path}", static context => throw new S3Exception(S3Errors.NotImplemented)).WithOrder(int.MaxValue);
}
