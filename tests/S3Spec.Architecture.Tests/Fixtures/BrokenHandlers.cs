using Microsoft.AspNetCore.Http;

namespace S3Spec.Architecture.Tests.Fixtures.BrokenHandlers;

/// <summary>A handler that breaks both handler rules, to show that the checks can fail.</summary>
internal static class BrokenHandler
{
    public static string? Read(HttpRequest request) => request.Headers["x-amz-meta-a"];

    public static bool Exists(string path) => File.Exists(path);
}

/// <summary>A handler that keeps the rules.</summary>
internal static class GoodHandler
{
    public static void Write(HttpResponse response) => response.Headers["ETag"] = "\"x\"";
}
