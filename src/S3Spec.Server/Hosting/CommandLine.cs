namespace S3Spec.Server.Hosting;

/// <summary>
/// Command-line switches. Settings come from appsettings.json, then S3SPEC__* environment variables, then the
/// command line (later wins); every switch below is a shortcut for an "S3Spec:*" setting.
/// </summary>
internal static class CommandLine
{
    public const string Section = "S3Spec";

    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--data-root"] = Section + ":DataRoot",
        ["--access-key"] = Section + ":AccessKey",
        ["--secret-key"] = Section + ":SecretKey",
        ["--region"] = Section + ":Region",
        ["--keys-file"] = Section + ":KeysFile",
    };

    public const string DefaultUrl = "http://127.0.0.1:9000";
}
