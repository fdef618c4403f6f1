using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace S3Spec.Server.Routing;

/// <summary>Binds the generated actions' bucket and key parameters from the raw request target.</summary>
public sealed class S3TargetBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var target = bindingContext.HttpContext.Features.GetRequiredFeature<S3Target>();
        var value = bindingContext.ModelName switch
        {
            "bucket" => target.Bucket,
            "key" => target.Key,
            _ => null,
        };
        bindingContext.Result = value is null ? ModelBindingResult.Failed() : ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }
}
