namespace S3Spec.Admin.Cli;

/// <summary>A failure the operator can act on: one line for stderr and the exit code.</summary>
internal sealed class AdminException : Exception
{
    public AdminException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public AdminException()
        : this(ExitCodes.Usage, "failed")
    {
    }

    public AdminException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public AdminException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Usage;
    }

    public int ExitCode { get; }

    public static AdminException Usage(string message) => new(ExitCodes.Usage, message);

    public static AdminException NotFound(string message) => new(ExitCodes.NotFound, message);

    public static AdminException Conflict(string message) => new(ExitCodes.Conflict, message);
}
