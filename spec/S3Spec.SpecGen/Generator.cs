namespace S3Spec.SpecGen;

/// <summary>Spec text and NSwag's DTO source in, generated C# out; throws InvalidOperationException on a spec error.</summary>
internal static class Generator
{
    public static string Generate(string spec, string dtoSource)
    {
        var root = Yaml.Load(new StringReader(spec));
        return Emitter.Emit(XmlModelReader.Read(root, DtoCatalog.Parse(dtoSource)), OperationReader.Read(root));
    }

    public static IReadOnlyList<XmlTypeModel> XmlTypes(string spec, string dtoSource) =>
        XmlModelReader.Read(Yaml.Load(new StringReader(spec)), DtoCatalog.Parse(dtoSource));
}
