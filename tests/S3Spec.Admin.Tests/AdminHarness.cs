using S3Spec.Admin.Cli;

namespace S3Spec.Admin.Tests;

/// <summary>A temp data root and the admin command run in-process against it.</summary>
public sealed class AdminHarness : IDisposable
{
    public AdminHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "s3spec-admin-" + Guid.NewGuid().ToString("N"));
        DataRoot = Path.Combine(Root, "data");
        Directory.CreateDirectory(DataRoot);
    }

    public string Root { get; }

    public string DataRoot { get; }

    public string KeysFile => Path.Combine(DataRoot, ".s3spec", "keys.json");

    public string RegistryFile => Path.Combine(DataRoot, ".s3spec", "volumes.json");

    public Task<Result> Run(params string[] args) => RunWith(_ => null, ["--data-root", DataRoot, .. args]);

    public static async Task<Result> RunWith(Func<string, string?> environment, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new AdminCli(environment).RunAsync(args, output, error, CancellationToken.None);
        return new Result(exit, output.ToString(), error.ToString());
    }

    public string Volume(string name, params (string Path, int Size)[] files)
    {
        var dir = Path.Combine(DataRoot, name);
        Directory.CreateDirectory(dir);
        foreach (var (path, size) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, new byte[size]);
        }

        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed record Result(int Exit, string Out, string Err)
    {
        /// <summary>Asserts a failure: the exit code and exactly one line on stderr, no stack trace.</summary>
        public void AssertError(int exit, string contains)
        {
            Assert.Equal(exit, Exit);
            var lines = Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(contains, lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", Err, StringComparison.Ordinal);
        }

        public void AssertOk()
        {
            Assert.True(Exit == 0, $"exit {Exit}: {Err}");
            Assert.Equal("", Err);
        }
    }
}
