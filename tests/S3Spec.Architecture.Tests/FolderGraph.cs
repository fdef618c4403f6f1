using Mono.Cecil;

namespace S3Spec.Architecture.Tests;

/// <summary>
/// Which folders of one project use which (a folder is the namespace segment below the project's: S3Spec.Storage.Capacity
/// is "Capacity", S3Spec.Storage itself "(root)"), with one example use per edge, and the loops among them.
/// </summary>
internal sealed class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> edges = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => edges;

    public static FolderGraph Of(ModuleDefinition module)
    {
        var root = module.Assembly.Name.Name;
        var graph = new FolderGraph();
        foreach (var type in Assemblies.Types(module))
        {
            var from = FolderOf(root, Namespace(type));
            foreach (var used in References.TypesUsedBy(type))
            {
                if (used.Scope is not ModuleDefinition scope || scope != module)
                {
                    continue;
                }

                var to = FolderOf(root, Namespace(used));
                if (from is not null && to is not null && from != to)
                {
                    graph.Add(from, to, $"{type.FullName} → {used.FullName}");
                }
            }
        }

        return graph;
    }

    public void Add(string from, string to, string example)
    {
        if (!edges.TryGetValue(from, out var targets))
        {
            targets = new Dictionary<string, string>(StringComparer.Ordinal);
            edges[from] = targets;
        }

        targets.TryAdd(to, example);
    }

    /// <summary>Strongly connected components of more than one folder (Tarjan), each sorted.</summary>
    public List<List<string>> Loops()
    {
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(t => t.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var loops = new List<List<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var t) ? t.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    loops.Add(component);
                }
            }
        }

        foreach (var n in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(n);
        }

        return loops;
    }

    /// <summary>The edges inside a loop, with their examples, for the failure message.</summary>
    public IEnumerable<string> Describe(IReadOnlyCollection<string> loop) =>
        from source in loop
        where edges.ContainsKey(source)
        from edge in edges[source]
        where loop.Contains(edge.Key)
        select $"{source} → {edge.Key} (e.g. {edge.Value})";

    private static string Namespace(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    private static string? FolderOf(string root, string ns)
    {
        if (ns == root)
        {
            return "(root)";
        }

        return ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
    }
}
