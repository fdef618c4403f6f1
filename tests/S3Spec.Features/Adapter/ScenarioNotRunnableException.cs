namespace S3Spec.Features.Adapter;

public sealed class ScenarioNotRunnableException(string message) : Exception(message);
