namespace S3Spec.Features.Adapter;

/// <summary>One feature file: its uri ("features/x.feature"), its text and its parsed document.</summary>
public sealed record FeatureFile(string Uri, string Text, Gherkin.Ast.GherkinDocument Document);
