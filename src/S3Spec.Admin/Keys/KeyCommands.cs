using System.CommandLine;
using S3Spec.Admin.Cli;
using S3Spec.Admin.Volumes;
using S3Spec.Auth.Keys;

namespace S3Spec.Admin.Keys;

/// <summary>key create | list | show | grant | revoke | disable | enable | remove. A running server re-reads the file within seconds.</summary>
internal static class KeyCommands
{
    public static Command Build(CommandBinder binder) => new("key", "Create and manage access keys in the keys file.")
    {
        Create(binder),
        List(binder),
        Show(binder),
        Grant(binder),
        Revoke(binder),
        SetDisabled(binder, "disable", disabled: true),
        SetDisabled(binder, "enable", disabled: false),
        Remove(binder),
    };

    private static Option<bool> AllowMissing() =>
        new("--allow-missing") { Description = "Accept volumes that do not exist (yet) in the data root." };

    private static Command Create(CommandBinder binder)
    {
        var volumes = new Option<string?>("--volumes") { Description = "Comma-separated volumes the key may use, or * for all (default: *)." };
        var readOnly = new Option<bool>("--read-only") { Description = "The key may only read." };
        var allowMissing = AllowMissing();
        var command = new Command("create", "Generate an access key and secret and print both (`key show` prints the secret again).") { volumes, readOnly, allowMissing };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var list = Split(parse.GetValue(volumes) ?? AccessKey.AllVolumes);
            CheckVolumes(ctx, list, parse.GetValue(allowMissing));
            var keys = KeyRing.Load(ctx.KeysFile, mustExist: false);
            var key = KeysFile.NewKey() with { Volumes = list, ReadOnly = parse.GetValue(readOnly) };
            keys.Add(key);
            KeyRing.Save(ctx.KeysFile, keys);
            ctx.Output.WriteLine($"Access key: {key.AccessKeyId}");
            ctx.Output.WriteLine($"Secret key: {key.SecretKey}");
            ctx.Output.WriteLine($"Volumes: {string.Join(',', key.Volumes)}{(key.ReadOnly ? " (read-only)" : "")}. 'key show {key.AccessKeyId}' shows the secret again (it is kept in {ctx.KeysFile}).");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command List(CommandBinder binder)
    {
        var command = new Command("list", "List access keys (never their secrets).");
        binder.Bind(command, (ctx, _, _) =>
        {
            var rows = new List<string[]> { new[] { "ACCESS KEY", "VOLUMES", "READ-ONLY", "DISABLED" } };
            foreach (var k in KeyRing.Load(ctx.KeysFile, mustExist: true))
            {
                rows.Add([k.AccessKeyId, k.Volumes.Count == 0 ? "-" : string.Join(',', k.Volumes), YesNo(k.ReadOnly), YesNo(k.Disabled)]);
            }

            Table.Write(ctx.Output, rows);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Show(CommandBinder binder)
    {
        var id = new Argument<string>("ACCESSKEY") { Description = "The access key id." };
        var secretOnly = new Option<bool>("--secret") { Description = "Print only the secret (for AWS_SECRET_ACCESS_KEY=\"$(...)\")." };
        var command = new Command("show", "Show one key with its secret (from the keys file).") { id, secretOnly };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var keys = KeyRing.Load(ctx.KeysFile, mustExist: true);
            var key = keys[KeyRing.IndexOf(keys, parse.GetRequiredValue(id), ctx.KeysFile)];
            if (parse.GetValue(secretOnly))
            {
                ctx.Output.WriteLine(key.SecretKey);
                return Task.FromResult(ExitCodes.Ok);
            }

            ctx.Output.WriteLine($"Access key: {key.AccessKeyId}");
            ctx.Output.WriteLine($"Secret key: {key.SecretKey}");
            ctx.Output.WriteLine($"Volumes: {(key.Volumes.Count == 0 ? "none" : string.Join(',', key.Volumes))}, read-only {YesNo(key.ReadOnly)}, disabled {YesNo(key.Disabled)}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Grant(CommandBinder binder)
    {
        var (id, volumes) = KeyAndVolumes();
        var allowMissing = AllowMissing();
        var command = new Command("grant", "Let a key use more volumes (* = all).") { id, volumes, allowMissing };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var added = Split(string.Join(',', parse.GetRequiredValue(volumes)));
            CheckVolumes(ctx, added, parse.GetValue(allowMissing));
            Change(ctx, parse.GetRequiredValue(id), key =>
            {
                if (added.Contains(AccessKey.AllVolumes))
                {
                    return key with { Volumes = [AccessKey.AllVolumes] };
                }

                var next = key.Volumes.ToList();
                foreach (var v in added)
                {
                    if (!key.MayUse(v))
                    {
                        next.Add(v);
                    }
                }

                return key with { Volumes = next };
            });
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Revoke(CommandBinder binder)
    {
        var (id, volumes) = KeyAndVolumes();
        var command = new Command("revoke", "Take volumes from a key (* removes the all-volumes grant).") { id, volumes };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var removed = Split(string.Join(',', parse.GetRequiredValue(volumes)));
            var accessKeyId = parse.GetRequiredValue(id);
            Change(ctx, accessKeyId, key =>
            {
                var next = key.Volumes.ToList();
                foreach (var v in removed)
                {
                    if (!next.Remove(v))
                    {
                        throw next.Contains(AccessKey.AllVolumes)
                            ? AdminException.Conflict($"The key '{accessKeyId}' may use all volumes (*); revoke * and grant the volumes it keeps.")
                            : AdminException.NotFound($"The key '{accessKeyId}' has no grant for volume '{v}'.");
                    }
                }

                return key with { Volumes = next };
            });
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command SetDisabled(CommandBinder binder, string name, bool disabled)
    {
        var id = new Argument<string>("ACCESSKEY") { Description = "The access key id." };
        var command = new Command(name, disabled ? "Disable a key (requests with it are refused; it stays in the file)." : "Enable a disabled key.") { id };
        binder.Bind(command, (ctx, parse, _) =>
        {
            Change(ctx, parse.GetRequiredValue(id), key => key with { Disabled = disabled });
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Remove(CommandBinder binder)
    {
        var id = new Argument<string>("ACCESSKEY") { Description = "The access key id." };
        var command = new Command("remove", "Delete a key from the keys file.") { id };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var accessKeyId = parse.GetRequiredValue(id);
            var keys = KeyRing.Load(ctx.KeysFile, mustExist: true);
            keys.RemoveAt(KeyRing.IndexOf(keys, accessKeyId, ctx.KeysFile));
            KeyRing.Save(ctx.KeysFile, keys);
            ctx.Output.WriteLine($"Removed key {accessKeyId}.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Replaces one key by <paramref name="change"/> of it and prints the result.</summary>
    private static void Change(AdminContext ctx, string accessKeyId, Func<AccessKey, AccessKey> change)
    {
        var keys = KeyRing.Load(ctx.KeysFile, mustExist: true);
        var i = KeyRing.IndexOf(keys, accessKeyId, ctx.KeysFile);
        var key = change(keys[i]);
        keys[i] = key;
        KeyRing.Save(ctx.KeysFile, keys);
        ctx.Output.WriteLine($"Key {key.AccessKeyId}: volumes {(key.Volumes.Count == 0 ? "none" : string.Join(',', key.Volumes))}, read-only {YesNo(key.ReadOnly)}, disabled {YesNo(key.Disabled)}.");
    }

    private static (Argument<string> Id, Argument<string[]> Volumes) KeyAndVolumes() =>
        (new Argument<string>("ACCESSKEY") { Description = "The access key id." },
         new Argument<string[]>("VOLUME") { Description = "Volumes (space- or comma-separated; * = all).", Arity = ArgumentArity.OneOrMore });

    private static List<string> Split(string text)
    {
        var result = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!result.Contains(part))
            {
                result.Add(part);
            }
        }

        if (result.Count == 0)
        {
            throw AdminException.Usage("Name at least one volume (or * for all).");
        }

        return result.Contains(AccessKey.AllVolumes) ? [AccessKey.AllVolumes] : result;
    }

    private static void CheckVolumes(AdminContext ctx, List<string> volumes, bool allowMissing)
    {
        foreach (var v in volumes)
        {
            if (v == AccessKey.AllVolumes)
            {
                continue;
            }

            VolumeNames.Check(v);
            if (!allowMissing)
            {
                VolumeNames.RequireExisting(ctx, v);
            }
        }
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
