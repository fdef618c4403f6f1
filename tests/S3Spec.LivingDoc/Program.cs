using S3Spec.LivingDoc;

try
{
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
