using Reqnroll;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;
using S3Spec.Features.Adapter;

[assembly: RuntimePlugin(typeof(ReqnrollXunitPlugin))]

namespace S3Spec.Features.Adapter;

/// <summary>Names a unit-test provider for the Reqnroll runtime; the generator packages that normally do this are not used.</summary>
public sealed class ReqnrollXunitPlugin : IRuntimePlugin
{
    private const string ProviderName = "s3spec-xunit";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, args) =>
            args.ObjectContainer.RegisterTypeAs<XunitRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
    }
}
