namespace S3Spec.Storage.Posix;

/// <summary>One readdir entry: name (valid UTF-8) and d_type.</summary>
internal readonly record struct DirEntry(string Name, byte Type);
