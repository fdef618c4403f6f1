using S3Spec.Auth.Settings;
using S3Spec.Server.Hosting;
using S3Spec.Storage.Contract;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Tests.Hosting;

public sealed class SettingsValidatorTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        SettingsValidator.Validate(new StorageOptions(), new AuthOptions(), new ServerOptions());
    }

    [Theory]
    [InlineData("MaxParts", "0", "MaxParts")]
    [InlineData("MaxParts", "10001", "MaxParts")]
    [InlineData("MaxPutSize", "-1", "MaxPutSize")]
    [InlineData("FileMode", "0999", "FileMode")]
    [InlineData("FileMode", "rw-r--r--", "FileMode")]
    [InlineData("MetadataStore", "database", "MetadataStore")]
    [InlineData("AbandonedUploadDays", "0", "AbandonedUploadDays")]
    [InlineData("ListingCacheMinEntries", "0", "ListingCacheMinEntries")]
    [InlineData("ListingCacheBytes", "-1", "ListingCacheBytes")]
    [InlineData("ListingIndexMinEntries", "-1", "ListingIndexMinEntries")]
    [InlineData("ListingDescribeCacheEntries", "-1", "ListingDescribeCacheEntries")]
    [InlineData("ListingCacheSettleTime", "-00:00:01", "ListingCacheSettleTime")]
    public void ABadStorageSettingIsNamedInTheMessage(string setting, string value, string named)
    {
        var storage = new StorageOptions();
        switch (setting)
        {
            case "MaxParts": storage.MaxParts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxPutSize": storage.MaxPutSize = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "FileMode": storage.FileMode = value; break;
            case "MetadataStore": storage.MetadataStore = value; break;
            case "AbandonedUploadDays": storage.AbandonedUploadDays = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ListingCacheMinEntries": storage.ListingCacheMinEntries = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ListingCacheBytes": storage.ListingCacheBytes = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ListingIndexMinEntries": storage.ListingIndexMinEntries = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ListingDescribeCacheEntries": storage.ListingDescribeCacheEntries = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ListingCacheSettleTime": storage.ListingCacheSettleTime = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }

        var e = Assert.Throws<InvalidOperationException>(() => SettingsValidator.Validate(storage, new AuthOptions(), new ServerOptions()));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidKeysFileStopsTheStart()
    {
        using var dir = new TempDirectory();
        var keys = dir.Combine("keys.json");
        File.WriteAllText(keys, "{ not json");
        var e = Assert.Throws<InvalidOperationException>(() =>
            SettingsValidator.Validate(new StorageOptions(), new AuthOptions { KeysFile = keys }, new ServerOptions()));
        Assert.Contains(keys, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AZeroClockSkewIsRefused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            SettingsValidator.Validate(new StorageOptions(), new AuthOptions { ClockSkew = TimeSpan.Zero }, new ServerOptions()));
    }
}
