using Microsoft.Extensions.Logging;

namespace S3Spec.Auth.Keys;

internal static partial class FileKeyStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Count} access key(s) from {Path}")]
    public static partial void Loaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The keys file {Path} is invalid ({Reason}); keeping the {Count} key(s) loaded before")]
    public static partial void Invalid(ILogger logger, string path, string reason, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The keys file {Path} does not exist; no keys come from it")]
    public static partial void Missing(ILogger logger, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The configured access key {AccessKeyId} is also in the keys file; the configured one is used")]
    public static partial void Duplicate(ILogger logger, string accessKeyId);
}
