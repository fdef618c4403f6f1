using Reqnroll;
using S3Spec.Features.Drivers;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class Hooks(S3World world)
{
    [AfterScenario]
    public Task CleanupAsync() => world.CleanupAsync();
}
