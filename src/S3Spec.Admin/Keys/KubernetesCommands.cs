using System.CommandLine;
using System.Text;
using S3Spec.Admin.Cli;

namespace S3Spec.Admin.Keys;

/// <summary>kubernetes secret: the keys file as a Secret manifest, to mount at the server's keys file path.</summary>
internal static class KubernetesCommands
{
    public static Command Build(CommandBinder binder)
    {
        var name = new Option<string>("--name") { Description = "The Secret's name.", DefaultValueFactory = _ => "s3spec-keys" };
        var ns = new Option<string?>("--namespace") { Description = "The Secret's namespace (default: none, kubectl's current)." };
        var secret = new Command("secret", "Print a Kubernetes Secret (YAML) holding the keys file as data 'keys.json'.") { name, ns };
        binder.Bind(secret, (ctx, parse, _) =>
        {
            var secretName = parse.GetValue(name) ?? "";
            if (!IsDnsName(secretName, 253, allowDots: true))
            {
                throw AdminException.Usage($"'{secretName}' is not a valid Secret name (lower-case letters, digits, '-' and '.', at most 253, starting and ending with a letter or digit).");
            }

            var namespaceName = parse.GetValue(ns);
            if (namespaceName is not null && !IsDnsName(namespaceName, 63, allowDots: false))
            {
                throw AdminException.Usage($"'{namespaceName}' is not a valid namespace (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit).");
            }

            KeyRing.Load(ctx.KeysFile, mustExist: true); // refuses an invalid file
            var content = File.ReadAllBytes(ctx.KeysFile);
            var yaml = new StringBuilder()
                .Append("apiVersion: v1\n")
                .Append("kind: Secret\n")
                .Append("metadata:\n")
                .Append("  name: ").Append(secretName).Append('\n');
            if (namespaceName is not null)
            {
                yaml.Append("  namespace: ").Append(namespaceName).Append('\n');
            }

            yaml.Append("type: Opaque\n")
                .Append("data:\n")
                .Append("  keys.json: ").Append(Convert.ToBase64String(content)).Append('\n');
            ctx.Output.Write(yaml.ToString());
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("kubernetes", "Kubernetes helpers.") { secret };
    }

    private static bool IsDnsName(string name, int maxLength, bool allowDots)
    {
        if (name.Length == 0 || name.Length > maxLength || !IsAlnum(name[0]) || !IsAlnum(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAlnum(c) && c != '-' && !(allowDots && c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
