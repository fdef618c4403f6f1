using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace S3Spec.Server.Routing;

/// <summary>
/// Hands a binary body parameter the request body as a stream, unbuffered. By the time an action runs, the
/// authentication middleware has replaced the body with its decoding, verifying stream.
/// </summary>
public sealed class RequestBodyBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        bindingContext.Result = ModelBindingResult.Success(bindingContext.HttpContext.Request.Body);
        return Task.CompletedTask;
    }
}
