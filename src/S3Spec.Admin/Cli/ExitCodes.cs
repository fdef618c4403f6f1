namespace S3Spec.Admin.Cli;

/// <summary>The admin command's exit codes (docs/admin.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int NotFound = 2;
    public const int Conflict = 3;
    public const int Interrupted = 130;
}
