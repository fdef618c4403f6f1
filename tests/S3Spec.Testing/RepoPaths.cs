namespace S3Spec.Testing;

/// <summary>Finds the repository root (the directory holding S3Spec.sln) and the built server.</summary>
public static class RepoPaths
{
    /// <summary>The directory holding S3Spec.sln above the running assembly, or null.</summary>
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

    public static string Root() =>
        TryFindRoot() ?? throw new InvalidOperationException($"No S3Spec.sln above {AppContext.BaseDirectory}.");

    /// <summary>"Release" when the running assembly was built in Release (its path holds /Release/), else "Debug".</summary>
    public static string CurrentConfiguration
    {
        get
        {
            var sep = Path.DirectorySeparatorChar;
            return AppContext.BaseDirectory.Contains($"{sep}Release{sep}", StringComparison.Ordinal) ? "Release" : "Debug";
        }
    }

    /// <summary>
    /// S3SPEC_SERVER_DLL when set, else src/S3Spec.Server/bin/&lt;configuration of the running assembly&gt;/net10.0/S3Spec.Server.dll
    /// (a ProjectReference to the server builds it first).
    /// </summary>
    public static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("S3SPEC_SERVER_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        return ServerDll(CurrentConfiguration);
    }

    /// <summary>src/S3Spec.Server/bin/<paramref name="configuration"/>/net10.0/S3Spec.Server.dll; it must exist.</summary>
    public static string ServerDll(string configuration)
    {
        var dll = Path.Combine(Root(), "src", "S3Spec.Server", "bin", configuration, "net10.0", "S3Spec.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/S3Spec.Server ({configuration}) first: {dll} is missing.", dll);
    }
}
