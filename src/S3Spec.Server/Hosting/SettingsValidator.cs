using System.Globalization;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Storage.Contract;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Hosting;

/// <summary>Checks the settings before the server starts; the first problem stops the start with one clear message.</summary>
internal static class SettingsValidator
{
    public static void Validate(StorageOptions storage, AuthOptions auth, ServerOptions server)
    {
        Positive(storage.MaxPutSize, "MaxPutSize");
        Positive(storage.MaxPartSize, "MaxPartSize");
        Positive(storage.MaxObjectSize, "MaxObjectSize");
        if (storage.MaxParts is < 1 or > 10_000)
        {
            Fail($"MaxParts must be between 1 and 10000 (it is {storage.MaxParts}).");
        }

        Octal(storage.FileMode, "FileMode");
        Octal(storage.DirectoryMode, "DirectoryMode");
        if (storage.MetadataStore is not ("auto" or "xattr" or "sidecar"))
        {
            Fail($"MetadataStore must be auto, xattr or sidecar (it is '{storage.MetadataStore}').");
        }

        if (storage.AbandonedUploadDays is < 1)
        {
            Fail("AbandonedUploadDays must be at least 1 (or unset to keep uploads until they are completed or aborted).");
        }

        if (storage.CompletionRecordRetention <= TimeSpan.Zero)
        {
            Fail("CompletionRecordRetention must be positive.");
        }

        if (storage.ListingCacheMinEntries < 1)
        {
            Fail($"ListingCacheMinEntries must be at least 1 (it is {storage.ListingCacheMinEntries}).");
        }

        if (storage.ListingCacheBytes < 0)
        {
            Fail($"ListingCacheBytes must not be negative (0 turns the listing cache off; it is {storage.ListingCacheBytes}).");
        }

        if (storage.ListingDescribeCacheEntries < 0)
        {
            Fail($"ListingDescribeCacheEntries must not be negative (0 turns the describe cache off; it is {storage.ListingDescribeCacheEntries}).");
        }

        if (storage.ListingCacheSettleTime < TimeSpan.Zero)
        {
            Fail("ListingCacheSettleTime must not be negative, e.g. 00:00:02.");
        }

        if (storage.ListingIndexMinEntries < 0)
        {
            Fail($"ListingIndexMinEntries must not be negative (0 turns the persistent listing index off; it is {storage.ListingIndexMinEntries}).");
        }

        foreach (var (kind, settle) in storage.ListingCacheSettleTimes)
        {
            if (settle < TimeSpan.Zero)
            {
                Fail($"ListingCacheSettleTimes:{kind} must not be negative, e.g. 00:00:05.");
            }
        }

        if (auth.ClockSkew <= TimeSpan.Zero)
        {
            Fail("ClockSkew must be positive, e.g. 01:00:00.");
        }

        if (string.IsNullOrWhiteSpace(auth.Region))
        {
            Fail("Region must not be empty (the datacenter id, e.g. eu-ro-1).");
        }

        if (server.UnauthenticatedBurst < 1 || server.UnauthenticatedPerSecond <= 0)
        {
            Fail("UnauthenticatedBurst must be at least 1 and UnauthenticatedPerSecond positive.");
        }

        try
        {
            TrustedProxies.Options(server.TrustedProxies);
        }
        catch (FormatException e)
        {
            Fail(e.Message);
        }

        if (server.ShutdownTimeoutSeconds < 0)
        {
            Fail("ShutdownTimeoutSeconds must not be negative.");
        }

        if (server.RequestBodyIdleTimeout < TimeSpan.Zero)
        {
            Fail("RequestBodyIdleTimeout must not be negative, e.g. 00:00:20 (00:00:00 turns it off).");
        }

        if (!string.IsNullOrEmpty(auth.KeysFile) && File.Exists(auth.KeysFile))
        {
            try
            {
                KeysFile.Parse(File.ReadAllBytes(auth.KeysFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                Fail($"The keys file '{auth.KeysFile}' cannot be used: {e.Message}");
            }
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            Fail($"{name} must be a positive number of bytes (it is {value}).");
        }
    }

    private static void Octal(string? mode, string name)
    {
        if (mode is not null && (!int.TryParse(mode.TrimStart('0').PadLeft(1, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || mode.Any(static c => c is < '0' or > '7') || mode.Length > 4))
        {
            Fail($"{name} must be an octal mode such as 0644 (it is '{mode}').");
        }
    }

    private static void Fail(string message) => throw new InvalidOperationException(message);
}
