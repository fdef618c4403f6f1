using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Storage;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Hosting;

/// <summary>
/// Prepares what the server needs before it listens, with one clear message for each invalid setting:
/// the data root (created, with a "default" volume, only when it is the default ./data and does not exist yet)
/// and the keys (a keys file is generated on first start when no key is configured). Returns the key it generated,
/// whose secret the connection block shows this once (<see cref="ConnectionBlock"/>), or null.
/// </summary>
internal static class FirstStart
{
    public const string DefaultDataRoot = "./data";
    public const string DefaultVolume = "default";

    public static AccessKey? Prepare(StorageOptions storage, AuthOptions auth, bool dataRootConfigured, TextWriter output)
    {
        var root = Path.GetFullPath(storage.DataRoot);
        if (!Directory.Exists(root))
        {
            if (dataRootConfigured)
            {
                throw new InvalidOperationException($"The data root '{root}' does not exist. Create it (each top-level directory is a volume) or pass another --data-root.");
            }

            storage.DataRoot = root;
            PosixStorage.CreateMaintenance(storage, TimeProvider.System).CreateVolume(DefaultVolume, createDataRoot: true);
            output.WriteLine($"Created data root {root} with volume '{DefaultVolume}'.");
        }

        storage.DataRoot = root;

        var hasCommandLineKey = !string.IsNullOrEmpty(auth.AccessKey) || !string.IsNullOrEmpty(auth.SecretKey);
        if (hasCommandLineKey && (string.IsNullOrEmpty(auth.AccessKey) || string.IsNullOrEmpty(auth.SecretKey)))
        {
            throw new InvalidOperationException("--access-key and --secret-key go together: give both or neither.");
        }

        if (!string.IsNullOrEmpty(auth.KeysFile))
        {
            auth.KeysFile = Path.GetFullPath(auth.KeysFile);
            if (!File.Exists(auth.KeysFile) && !hasCommandLineKey)
            {
                throw new InvalidOperationException($"The keys file '{auth.KeysFile}' does not exist.");
            }

            return null;
        }

        if (hasCommandLineKey)
        {
            return null;
        }

        auth.KeysFile = StoreLayout.KeysFile(root);
        if (!File.Exists(auth.KeysFile))
        {
            var generated = FileKeyStore.CreateKeysFile(auth.KeysFile);
            output.WriteLine($"Generated access key {generated.AccessKeyId}; it is kept in {auth.KeysFile} (mode 0600).");
            return generated;
        }

        output.WriteLine($"Keys: {auth.KeysFile}");
        return null;
    }
}
