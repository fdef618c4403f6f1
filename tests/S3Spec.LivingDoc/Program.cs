using S3Spec.LivingDoc;
using S3Spec.LivingDoc.Compatibility;

try
{
    if (args.Length > 0 && args[0] == CompatibilityOptions.Command)
    {
        var compatibility = CompatibilityOptions.Parse(args[1..], Directory.GetCurrentDirectory());
        Console.WriteLine(compatibility.ShowHelp ? CompatibilityOptions.Usage : CompatibilityReport.Write(compatibility));
        return 0;
    }

    var options = LivingDocOptions.Parse(args, Directory.GetCurrentDirectory());
    if (options.ShowHelp)
    {
        Console.WriteLine(LivingDocOptions.Usage);
        return 0;
    }

    var summary = SiteBuilder.Build(options);
    Console.WriteLine(summary);
    return 0;
}
catch (LivingDocException e)
{
    Console.Error.WriteLine($"living-doc: {e.Message}");
    return 1;
}
