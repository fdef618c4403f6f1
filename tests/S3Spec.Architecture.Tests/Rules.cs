using Mono.Cecil;

namespace S3Spec.Architecture.Tests;

/// <summary>The checks, as functions of a module and a namespace, so each can also be shown to fail on a fixture.</summary>
internal static class Rules
{
    /// <summary>File-system APIs a handler may not use: handlers reach the disk only through storage.</summary>
    public static readonly string[] FileApis =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo",
        "System.IO.FileSystemInfo", "System.IO.FileSystemWatcher", "System.IO.DriveInfo", "System.IO.RandomAccess",
        "Microsoft.Win32.SafeHandles.SafeFileHandle",
    ];

    public static IEnumerable<TypeDefinition> InNamespace(ModuleDefinition module, string ns) =>
        Assemblies.Types(module).Where(t => Outermost(t).Namespace is var n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)));

    /// <summary>Uses of <see cref="FileApis"/> or of the low-level POSIX project by the types of a namespace.</summary>
    public static List<string> FileSystemUses(ModuleDefinition module, string ns) =>
        (from type in InNamespace(module, ns)
         from used in References.TypesUsedBy(type)
         where FileApis.Contains(used.FullName) || used.Namespace.StartsWith("S3Spec.Posix", StringComparison.Ordinal)
         select $"{type.FullName} uses {used.FullName}").Distinct().ToList();

    /// <summary>Reads of the request's headers (HttpRequest.Headers, GetTypedHeaders) by the types of a namespace.</summary>
    public static List<string> RequestHeaderReads(ModuleDefinition module, string ns) =>
        (from type in InNamespace(module, ns)
         from call in References.CallsIn(type)
         where (call.Called.DeclaringType.FullName == "Microsoft.AspNetCore.Http.HttpRequest" && call.Called.Name == "get_Headers")
             || call.Called.Name == "GetTypedHeaders"
         select $"{type.FullName}.{call.In.Name} calls {call.Called.DeclaringType.Name}.{call.Called.Name}").Distinct().ToList();

    /// <summary>Assemblies (and namespaces of types) a module refers to that start with one of <paramref name="banned"/>.</summary>
    public static List<string> ReferencesTo(ModuleDefinition module, params string[] banned)
    {
        var found = module.AssemblyReferences.Select(a => a.Name)
            .Where(a => banned.Any(b => a == b || a.StartsWith(b + ".", StringComparison.Ordinal)))
            .Select(a => "assembly " + a).ToList();
        found.AddRange(module.GetTypeReferences().Select(t => t.Namespace).Distinct()
            .Where(n => banned.Any(b => n == b || n.StartsWith(b + ".", StringComparison.Ordinal)))
            .Select(n => "namespace " + n));
        return found;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
