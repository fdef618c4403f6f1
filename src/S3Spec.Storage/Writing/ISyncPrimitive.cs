using Microsoft.Win32.SafeHandles;

namespace S3Spec.Storage.Writing;

/// <summary>
/// The flush calls of the durable write path, behind an interface so that a test can record their order against the
/// renames and answers, or inject an errno (<see cref="LibcSync"/> in the server). Answers 0 or the errno.
/// </summary>
internal interface ISyncPrimitive
{
    /// <summary>fsync(2) of a file or a directory.</summary>
    int Fsync(SafeFileHandle handle);
}
