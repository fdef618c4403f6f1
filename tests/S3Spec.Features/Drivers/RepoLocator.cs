namespace S3Spec.Features.Drivers;

internal static class RepoLocator
{
    /// <summary>The directory holding S3Spec.sln, found by walking up from the test assembly.</summary>
    public static string? TryFindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S3Spec.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string FindRoot() =>
        TryFindRoot() ?? throw new InvalidOperationException($"No S3Spec.sln above {AppContext.BaseDirectory}.");
}
