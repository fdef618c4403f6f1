namespace S3Spec.Core.Errors;

/// <summary>One row of the S3 error table: the wire code, the HTTP status and the default message.</summary>
public sealed record S3Error(string Code, int Status, string Message)
{
    public override string ToString() => $"{Code} ({Status})";
}
