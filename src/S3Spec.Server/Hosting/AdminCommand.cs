namespace S3Spec.Server.Hosting;

/// <summary>
/// How the user runs the admin command, for the connection block: `dotnet run --project .../src/S3Spec.Admin --` when
/// the server runs from a clone (its binaries under src/S3Spec.Server/bin), `dotnet .../S3Spec.Admin.dll` when the
/// admin command is published next to the server, else `S3Spec.Admin`. The .NET tool passes `s3spec`.
/// </summary>
internal static class AdminCommand
{
    public static string Detect(string baseDirectory, string workingDirectory)
    {
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "S3Spec.Admin");
            if (File.Exists(Path.Combine(dir.FullName, "S3Spec.sln")) && File.Exists(Path.Combine(project, "S3Spec.Admin.csproj")))
            {
                var relative = Path.GetRelativePath(workingDirectory, project);
                var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? project : relative;
                return $"dotnet run --project {shown} --";
            }
        }

        var dll = Path.Combine(baseDirectory, "S3Spec.Admin.dll");
        return File.Exists(dll) ? $"dotnet {dll}" : "S3Spec.Admin";
    }
}
