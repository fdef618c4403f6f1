using S3Spec.Testing;

namespace S3Spec.FirstHour.Tests;

/// <summary>A temp folder the user "is in" when typing the commands; removed on dispose.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "s3spec-firsthour-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static string Repo => RepoPaths.Root();

    public static string Configuration => RepoPaths.CurrentConfiguration;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
