namespace S3Spec.Server.Tests.Routing;

public sealed class S3TargetParserTests
{
}
