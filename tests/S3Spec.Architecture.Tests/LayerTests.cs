namespace S3Spec.Architecture.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md ("Layers"), checked on the compiled assemblies: breaking one fails
/// the README's test command.
/// </summary>
public sealed class LayerTests
{
    [Fact]
    public void Storage_knows_nothing_of_HTTP_the_server_or_auth()
    {
        var found = Rules.ReferencesTo(Assemblies.Module("S3Spec.Storage"), "Microsoft.AspNetCore", "S3Spec.Server", "S3Spec.Auth", "S3Spec.Admin");
        Assert.True(found.Count == 0, "S3Spec.Storage refers to " + string.Join(", ", found));
    }

    [Fact]
    public void Auth_never_touches_storage_or_the_server()
    {
        var found = Rules.ReferencesTo(Assemblies.Module("S3Spec.Auth"), "S3Spec.Storage", "S3Spec.Server", "S3Spec.Admin");
        Assert.True(found.Count == 0, "S3Spec.Auth refers to " + string.Join(", ", found));
    }

    [Fact]
    public void Core_depends_on_no_other_project()
    {
        var found = Rules.ReferencesTo(Assemblies.Module("S3Spec.Core"), "S3Spec.Posix", "S3Spec.Storage", "S3Spec.Auth", "S3Spec.Server", "S3Spec.Admin", "Microsoft.AspNetCore");
        Assert.True(found.Count == 0, "S3Spec.Core refers to " + string.Join(", ", found));
    }

    [Fact]
    public void The_POSIX_primitives_sit_below_storage_and_auth()
    {
        Assert.Contains("S3Spec.Posix", Assemblies.Present());
        var found = Rules.ReferencesTo(Assemblies.Module("S3Spec.Posix"), "S3Spec.Storage", "S3Spec.Auth", "S3Spec.Server", "S3Spec.Admin", "Microsoft.AspNetCore");
        Assert.True(found.Count == 0, "S3Spec.Posix refers to " + string.Join(", ", found));
    }

    [Fact]
    public void The_admin_command_does_not_bind_the_concrete_store()
    {
        var module = Assemblies.Module("S3Spec.Admin");
        const string Concrete = "S3Spec.Storage.PosixObjectStore";
        var found = (from type in Assemblies.Types(module)
                     from call in References.CallsIn(type)
                     where call.Called.DeclaringType.FullName == Concrete
                     select $"{type.FullName}.{call.In.Name} calls {call.Called.Name}")
            .Concat(from type in Assemblies.Types(module)
                    from field in type.Fields
                    where field.FieldType.FullName == Concrete
                    select $"{type.FullName}.{field.Name} holds one")
            .Concat(from type in Assemblies.Types(module)
                    from method in type.Methods
                    where method.HasBody
                    from variable in method.Body.Variables
                    where variable.VariableType.FullName == Concrete
                    select $"{type.FullName}.{method.Name} holds one")
            .Distinct().ToList();
        Assert.True(found.Count == 0, "bound to PosixObjectStore: " + string.Join(", ", found));
    }

    [Fact]
    public void Handlers_never_touch_the_file_system()
    {
        var found = Rules.FileSystemUses(Assemblies.Module("S3Spec.Server"), "S3Spec.Server.Handlers");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Handlers_read_no_request_headers()
    {
        var found = Rules.RequestHeaderReads(Assemblies.Module("S3Spec.Server"), "S3Spec.Server.Handlers");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    public static TheoryData<string> Projects() => new(Assemblies.Projects);

    [Theory]
    [MemberData(nameof(Projects))]
    public void No_folder_imports_loop_back(string project)
    {
        var graph = FolderGraph.Of(Assemblies.Module(project));
        var loops = graph.Loops();
        Assert.True(loops.Count == 0, $"{project}: folders import each other in a loop\n\n"
            + string.Join("\n\n", loops.Select(l => "loop " + string.Join(", ", l) + ":\n  " + string.Join("\n  ", graph.Describe(l)))));
    }
}
