namespace S3Spec.LivingDoc;

internal static class RepoRoot
{
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S3Spec.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
