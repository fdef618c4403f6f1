using Gherkin.Ast;

namespace S3Spec.LivingDoc.Input;

/// <summary>
/// One parsed feature file. <see cref="Uri"/> is "features/&lt;relative path&gt;", the prefix of the scenario ids the
/// behaviour suite writes (see tests/S3Spec.Features/Adapter/FeatureCatalog.cs).
/// </summary>
internal sealed record FeatureSource(string Uri, string RelativePath, string PageName, Feature Feature);
