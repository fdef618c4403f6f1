namespace S3Spec.Storage.Contract;

/// <summary>A validated key: <see cref="Path"/> is the relative path without the trailing '/'.</summary>
internal sealed record ParsedKey(string Key, string Path, string[] Segments, bool IsDirectory)
{
    public string Leaf => Segments[^1];

    public string ParentPath => Segments.Length == 1 ? "" : Path[..Path.LastIndexOf('/')];
}
