using System.Security.Cryptography;
using System.Text.Json;

namespace S3Spec.Reliability.Harness;

/// <summary>A temporary directory holding a data root (data/) and whatever lies beside it; deleted on dispose.</summary>
internal sealed class Sandbox : IDisposable
{
    public Sandbox(string name = "s3spec-rel-")
    {
        Root = Directory.CreateTempSubdirectory(name).FullName;
        Data = Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;
    }

    public string Root { get; }

    public string Data { get; }

    public static Creds NewCreds(string region = "eu-ro-1") =>
        new("user_" + RandomNumberGenerator.GetHexString(20, lowercase: true), "rps_" + RandomNumberGenerator.GetHexString(32, lowercase: true), region);

    public string Volume(string name) => Directory.CreateDirectory(Path.Combine(Data, name)).FullName;

    /// <summary>Writes a keys file with each key limited to its volumes.</summary>
    public string KeysFile(params (Creds Creds, string[] Volumes)[] keys)
    {
        var path = Path.Combine(Root, "keys.json");
        var doc = new
        {
            keys = keys.Select(k => new { accessKeyId = k.Creds.AccessKey, secretKey = k.Creds.Secret, volumes = k.Volumes, readOnly = false, disabled = false }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc));
        return path;
    }

    /// <summary>Every file under the volume's staging temp folder (.s3compat_uploads/.tmp).</summary>
    public static string[] TempFiles(string volumeDir)
    {
        var tmp = Path.Combine(volumeDir, ".s3compat_uploads", ".tmp");
        return Directory.Exists(tmp) ? Directory.GetFiles(tmp) : [];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
