using S3Spec.SpecGen;

// Usage: S3Spec.SpecGen <spec.yaml> <nswag-output.cs> <output.cs>. A spec error is reported as a build error.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: S3Spec.SpecGen <spec.yaml> <S3Api.g.cs> <output.cs>");
    return 2;
}

try
{
    var code = Generator.Generate(File.ReadAllText(args[0]), File.ReadAllText(args[1]));
    if (!File.Exists(args[2]) || File.ReadAllText(args[2]) != code)
    {
        File.WriteAllText(args[2], code);
    }

    return 0;
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"{args[0]}: error S3SPEC1: {e.Message}");
    return 1;
}
