using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using S3Spec.Auth.Settings;
using S3Spec.Posix;

namespace S3Spec.Auth.Keys;

/// <summary>
/// Access keys from the JSON keys file (plus the one configured key). The file is polled — its resolved
/// target, modification time and length — at most every <see cref="AuthOptions.KeysReloadInterval"/>, from
/// <see cref="Find"/>; no file-system notifications, so NFS and Kubernetes Secret volumes work. An invalid
/// file keeps the keys loaded before; a missing file gives no keys.
/// </summary>
public sealed class FileKeyStore : IKeyStore, IDisposable
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FileKeyStore> _logger;
    private readonly Lock _reloadLock = new();
    private readonly AccessKey? _configuredKey;
    private FrozenDictionary<string, AccessKey> _keys = FrozenDictionary<string, AccessKey>.Empty;
    private List<AccessKey> _fileKeys = [];
    private FileStamp? _stamp;
    private bool _missingLogged;
    private long _nextCheckTicks;

    public FileKeyStore(AuthOptions options, TimeProvider time, ILogger<FileKeyStore> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        if (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey))
        {
            _configuredKey = new AccessKey(options.AccessKey, options.SecretKey, [AccessKey.AllVolumes], ReadOnly: false, Disabled: false);
        }

        lock (_reloadLock)
        {
            _nextCheckTicks = (time.GetUtcNow() + options.KeysReloadInterval).UtcTicks;
            CheckFile();
            Publish();
        }
    }

    public AccessKey? Find(string accessKeyId)
    {
        MaybeReload();
        return Volatile.Read(ref _keys).GetValueOrDefault(accessKeyId);
    }

    /// <summary>
    /// Creates a keys file (mode 0600, failing if it exists) holding one new key for all volumes, and
    /// returns its access key id.
    /// </summary>
    public static string GenerateKeysFile(string path) => CreateKeysFile(path).AccessKeyId;

    /// <summary>As <see cref="GenerateKeysFile"/>, returning the whole key (the server shows its secret once, at creation).</summary>
    public static AccessKey CreateKeysFile(string path)
    {
        var key = KeysFile.NewKey();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        AtomicFile.Create(path, KeysFile.Serialize([key]), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    public void Dispose()
    {
        // Nothing to release: there is no watcher or timer; the type is disposable for the host's container.
    }

    private void MaybeReload()
    {
        if (_options.KeysFile is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (now.UtcTicks < Volatile.Read(ref _nextCheckTicks) || !_reloadLock.TryEnter())
        {
            return;
        }

        try
        {
            if (now.UtcTicks < _nextCheckTicks)
            {
                return;
            }

            Volatile.Write(ref _nextCheckTicks, (now + _options.KeysReloadInterval).UtcTicks);
            if (CheckFile())
            {
                Publish();
            }
        }
        finally
        {
            _reloadLock.Exit();
        }
    }

    /// <summary>Re-reads the file when its stamp changed; true when the file keys changed.</summary>
    private bool CheckFile()
    {
        var path = _options.KeysFile;
        if (path is null)
        {
            return false;
        }

        var stamp = FileStamp.Of(path);
        if (stamp is null)
        {
            if (!_missingLogged)
            {
                FileKeyStoreLog.Missing(_logger, path);
                _missingLogged = true;
            }

            var had = _fileKeys.Count > 0;
            _fileKeys = [];
            _stamp = null;
            return had;
        }

        _missingLogged = false;
        if (stamp == _stamp)
        {
            return false;
        }

        _stamp = stamp;
        try
        {
            _fileKeys = KeysFile.Parse(File.ReadAllBytes(stamp.Path));
            FileKeyStoreLog.Loaded(_logger, _fileKeys.Count, path);
            return true;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            FileKeyStoreLog.Invalid(_logger, path, KeysFile.Describe(e), _fileKeys.Count);
            return false;
        }
    }

    private void Publish()
    {
        var map = new Dictionary<string, AccessKey>(StringComparer.Ordinal);
        foreach (var k in _fileKeys)
        {
            map[k.AccessKeyId] = k;
        }

        if (_configuredKey is not null)
        {
            if (map.ContainsKey(_configuredKey.AccessKeyId))
            {
                FileKeyStoreLog.Duplicate(_logger, _configuredKey.AccessKeyId);
            }

            map[_configuredKey.AccessKeyId] = _configuredKey;
        }

        Volatile.Write(ref _keys, map.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
