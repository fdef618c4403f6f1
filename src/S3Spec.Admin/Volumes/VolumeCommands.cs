using System.CommandLine;
using S3Spec.Admin.Cli;
using S3Spec.Storage.Contract;

namespace S3Spec.Admin.Volumes;

/// <summary>volume create | list | set-quota | remove | hash.</summary>
internal static class VolumeCommands
{
    public static Command Build(CommandBinder binder) => new("volume", "Create, list, size, remove and hash volumes (top-level directories of the data root).")
    {
        Create(binder),
        List(binder),
        SetQuota(binder),
        Remove(binder),
        Hash(binder),
    };

    private static Command Create(CommandBinder binder)
    {
        var name = new Argument<string>("NAME") { Description = "The volume (bucket) name." };
        var quota = new Option<string?>("--quota") { Description = "Quota, e.g. 10GiB, 500MB, 1TB or bytes." };
        var command = new Command("create", "Create a volume directory, optionally with a quota.") { name, quota };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var volume = VolumeNames.Check(parse.GetRequiredValue(name));
            var bytes = parse.GetValue(quota) is { } q ? Sizes.Parse(q, "quota") : (long?)null;
            var path = Path.Combine(ctx.ExistingDataRoot(), volume);
            if (!Stores.Open(ctx.DataRoot).CreateVolume(volume))
            {
                throw AdminException.Conflict($"The volume '{volume}' already exists ({path}).");
            }

            if (bytes is { } b)
            {
                Registry.SetQuota(ctx.DataRoot, volume, b);
            }

            ctx.Output.WriteLine(bytes is { } set ? $"Created volume {volume} with a quota of {Sizes.Format(set)}." : $"Created volume {volume}.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command List(CommandBinder binder)
    {
        var raw = new Option<bool>("--bytes") { Description = "Print sizes as plain byte counts." };
        var command = new Command("list", "List volumes with quota, used and free bytes.") { raw };
        binder.Bind(command, async (ctx, parse, ct) =>
        {
            var store = Stores.Open(ctx.ExistingDataRoot());
            var bytes = parse.GetValue(raw);
            var rows = new List<string[]> { new[] { "NAME", "QUOTA", "USED", "FREE" } };
            var volumes = store.ListVolumes();
            using var progress = ctx.Progress();
            for (var i = 0; i < volumes.Count; i++)
            {
                var volume = volumes[i];
                progress.Report($"Counting the usage of {volume.Name} ({i + 1}/{volumes.Count})...", force: true);
                var usage = await store.CountVolumeUsageAsync(volume.Name, ct).ConfigureAwait(false);
                rows.Add([
                    volume.Name,
                    usage.QuotaBytes is { } q ? Show(q, bytes) : "none",
                    Show(usage.UsedBytes, bytes),
                    Show(usage.FreeBytes, bytes),
                ]);
            }

            Table.Write(ctx.Output, rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetQuota(CommandBinder binder)
    {
        var name = new Argument<string>("NAME") { Description = "The volume." };
        var size = new Argument<string>("SIZE") { Description = "The quota (e.g. 10GiB), or 'none' to remove it." };
        var command = new Command("set-quota", "Set or remove the quota of a volume (a running server applies it within seconds).") { name, size };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var volume = VolumeNames.Check(parse.GetRequiredValue(name));
            var text = parse.GetRequiredValue(size);
            var bytes = string.Equals(text, "none", StringComparison.OrdinalIgnoreCase) ? (long?)null : Sizes.Parse(text, "quota");
            VolumeNames.RequireExisting(ctx, volume);
            Registry.SetQuota(ctx.DataRoot, volume, bytes);
            ctx.Output.WriteLine(bytes is { } b ? $"Quota of {volume}: {Sizes.Format(b)} ({b} bytes)." : $"Quota of {volume} removed.");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Remove(CommandBinder binder)
    {
        var name = new Argument<string>("NAME") { Description = "The volume." };
        var force = new Option<bool>("--force") { Description = "Also remove a volume that holds files (deletes them)." };
        var command = new Command("remove", "Remove a volume directory and its quota entry; refuses a non-empty volume without --force.") { name, force };
        binder.Bind(command, (ctx, parse, _) =>
        {
            var volume = VolumeNames.Check(parse.GetRequiredValue(name));
            VolumeNames.RequireExisting(ctx, volume);
            var message = RemovalMessage(ctx.DataRoot, volume, Stores.Open(ctx.DataRoot).RemoveVolume(volume, parse.GetValue(force)));
            Registry.RemoveVolume(ctx.DataRoot, volume);
            ctx.Output.WriteLine(message);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Hash(CommandBinder binder)
    {
        var name = new Argument<string>("NAME") { Description = "The volume." };
        var rate = new Option<string?>("--rate") { Description = "Most bytes read per second, e.g. 50MiB/s (default: unthrottled)." };
        var command = new Command("hash", "Compute and store MD5 ETags of files written outside the API (resumable; one run per volume).") { name, rate };
        binder.Bind(command, async (ctx, parse, ct) =>
        {
            var volume = VolumeNames.Check(parse.GetRequiredValue(name));
            long? perSecond = null;
            if (parse.GetValue(rate) is { } r)
            {
                var text = r.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? r[..^2] : r;
                perSecond = Sizes.Parse(text, "rate");
                if (perSecond <= 0)
                {
                    throw AdminException.Usage($"The rate must be above zero ('{r}').");
                }
            }

            VolumeNames.RequireExisting(ctx, volume);
            HashReport report;
            try
            {
                using var progress = ctx.Progress();
                var run = Stores.Open(ctx.DataRoot).HashExternalObjectsAsync(volume, new HashOptions { BytesPerSecond = perSecond }, ct);
                var started = TimeProvider.System.GetTimestamp();
                while (await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500), ct)).ConfigureAwait(false) != run)
                {
                    progress.Report($"Hashing the files of {volume} written outside the API... {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s", force: true);
                }

                report = await run.ConfigureAwait(false);
            }
            catch (Core.Errors.S3Exception e) when (e.Error.Code == "OperationAborted")
            {
                throw AdminException.Conflict($"Another hash run of volume '{volume}' is in progress (it holds the lock); try again when it has finished.");
            }

            ctx.Output.WriteLine(
                $"Hashed {report.Hashed} file(s); {report.AlreadyKnown} already had an ETag; {report.Skipped} skipped (changed while read or unreadable)."
                + (report.Resumed ? " Resumed an interrupted run." : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What the removal did, for the operator; a refusal is a conflict.</summary>
    private static string RemovalMessage(string dataRoot, string volume, VolumeRemoval removal) => removal.Outcome switch
    {
        VolumeRemovalOutcome.Removed => $"Removed volume {volume}.",
        VolumeRemovalOutcome.RemovedLink => $"Removed volume {volume} (a symbolic link; its target {removal.Detail} was left in place).",
        VolumeRemovalOutcome.NotEmpty => throw AdminException.Conflict($"The volume '{volume}' is not empty; remove its files first or pass --force (deletes them)."),
        VolumeRemovalOutcome.Mounted => throw AdminException.Conflict($"A filesystem is mounted at {removal.Detail}; unmount it before removing the volume '{volume}'."),
        _ => throw AdminException.NotFound($"The volume '{volume}' does not exist in {dataRoot}."),
    };

    private static string Show(long bytes, bool raw) =>
        raw ? bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) : Sizes.Format(bytes);
}
