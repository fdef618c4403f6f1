using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace S3Spec.Server.Requests;

/// <summary>Binds a generated action's one input parameter: the operation's generated input, extracted in one pass.</summary>
internal sealed class S3InputBinder<TInput> : IModelBinder
    where TInput : IS3Input<TInput>
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        bindingContext.Result = ModelBindingResult.Success(TInput.From(bindingContext.HttpContext));
        return Task.CompletedTask;
    }
}
