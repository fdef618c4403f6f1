using Mono.Cecil;

namespace S3Spec.Architecture.Tests;

/// <summary>The project assemblies beside the test, read as IL (what was compiled, not what the sources say).</summary>
internal static class Assemblies
{
    public static readonly string[] Projects = ["S3Spec.Core", "S3Spec.Posix", "S3Spec.Auth", "S3Spec.Storage", "S3Spec.Server", "S3Spec.Admin"];

    private static readonly Dictionary<string, ModuleDefinition> Cache = new(StringComparer.Ordinal);

    public static IEnumerable<string> Present() => Projects.Where(p => File.Exists(PathOf(p)));

    public static ModuleDefinition Module(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var module))
            {
                module = ModuleDefinition.ReadModule(PathOf(name));
                Cache[name] = module;
            }

            return module;
        }
    }

    /// <summary>Every type of a module with its nested types (async state machines and lambdas' closures are nested).</summary>
    public static IEnumerable<TypeDefinition> Types(ModuleDefinition module) => module.Types.SelectMany(WithNested);

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) => new[] { type }.Concat(type.NestedTypes.SelectMany(WithNested));

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");
}
