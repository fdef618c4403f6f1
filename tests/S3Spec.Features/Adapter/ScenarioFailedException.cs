using Xunit.Sdk;

namespace S3Spec.Features.Adapter;

/// <summary>A scenario failure that names the failing step, where it is, and its error.</summary>
public sealed class ScenarioFailedException(string message, Exception? inner) : XunitException(message, inner);
