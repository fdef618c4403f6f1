namespace S3Spec.Reliability.Harness;

/// <summary>Finds the repository root (the directory holding S3Spec.sln) and the built server.</summary>
internal static class Repo
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S3Spec.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No S3Spec.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>S3SPEC_SERVER_DLL, else src/S3Spec.Server/bin/&lt;this configuration&gt;/net10.0/S3Spec.Server.dll.</summary>
    public static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("S3SPEC_SERVER_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var sep = Path.DirectorySeparatorChar;
        var configuration = AppContext.BaseDirectory.Contains($"{sep}Release{sep}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Root(), "src", "S3Spec.Server", "bin", configuration, "net10.0", "S3Spec.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/S3Spec.Server first: {dll} is missing.", dll);
    }
}
