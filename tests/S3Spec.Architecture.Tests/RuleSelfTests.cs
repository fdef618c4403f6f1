using S3Spec.Architecture.Tests.Fixtures.BrokenHandlers;

namespace S3Spec.Architecture.Tests;

/// <summary>Each check finds what it is for: a broken fixture fails it, and a loop is found in a graph that has one.</summary>
public sealed class RuleSelfTests
{
    private static Mono.Cecil.ModuleDefinition Self => Mono.Cecil.ModuleDefinition.ReadModule(typeof(RuleSelfTests).Assembly.Location);

    [Fact]
    public void A_request_header_read_is_found()
    {
        var found = Rules.RequestHeaderReads(Self, typeof(BrokenHandler).Namespace!);
        Assert.Single(found);
        Assert.Contains("BrokenHandler.Read", found[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_API_use_is_found()
    {
        var found = Rules.FileSystemUses(Self, typeof(BrokenHandler).Namespace!);
        Assert.Contains(found, f => f.Contains("System.IO.File", StringComparison.Ordinal) && f.Contains(nameof(BrokenHandler), StringComparison.Ordinal));
        Assert.DoesNotContain(found, f => f.Contains(nameof(GoodHandler), StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_loop_is_found_and_a_chain_is_not_one()
    {
        var graph = new FolderGraph();
        graph.Add("Capacity", "Multipart", "CapacityTracker → UploadIds");
        graph.Add("Multipart", "Capacity", "MultipartStore → CapacityTracker");
        graph.Add("(root)", "Multipart", "PosixObjectStore → MultipartStore");
        graph.Add("Multipart", "Contract", "MultipartStore → ObjectKey");
        var loop = Assert.Single(graph.Loops());
        Assert.Equal(["Capacity", "Multipart"], loop);
        Assert.Equal(["Capacity → Multipart (e.g. CapacityTracker → UploadIds)", "Multipart → Capacity (e.g. MultipartStore → CapacityTracker)"], graph.Describe(loop).Order(StringComparer.Ordinal));

        var chain = new FolderGraph();
        chain.Add("(root)", "Multipart", "a");
        chain.Add("Multipart", "Contract", "b");
        Assert.Empty(chain.Loops());
    }

    [Fact]
    public void The_folder_graph_of_a_real_project_has_edges()
    {
        // A graph reader that saw nothing would pass the loop rule vacuously.
        var graph = FolderGraph.Of(Assemblies.Module("S3Spec.Server"));
        Assert.True(graph.Edges.Count >= 3, "edges: " + graph.Edges.Count);
    }
}
