namespace S3Spec.Differential.Execution;

/// <summary>
/// What one server answered to one step, through one client stack: the status (-1: the client failed without an HTTP
/// answer, <see cref="Code"/> then names the failure), the S3 error code, and the fields a client reads, flattened to
/// names in boto3's spelling (ETag, Metadata.a, Contents[0].Key, ...) so that all three stacks look alike.
/// </summary>
internal sealed record Outcome(int Status, string? Code, SortedDictionary<string, string> Fields)
{
    public static Outcome ClientFailure(string what) => new(-1, what, new SortedDictionary<string, string>(StringComparer.Ordinal));

    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;

    public bool Ok => Status is >= 200 and < 300;

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Status);
        if (Code is not null)
        {
            sb.Append(' ').Append(Code);
        }

        foreach (var (name, value) in Fields)
        {
            sb.Append("\n      ").Append(name).Append(" = ").Append(Model.HeaderValue.Escape(value));
        }

        return sb.ToString();
    }
}
