using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Routing;

/// <summary>
/// One generated action that takes only its operation input (and the cancellation token), called without MVC's
/// per-request machinery: the handler is created as MVC creates it (from the request's services), the input is
/// extracted by its generated <c>From</c>, and the returned result is executed with the same result executors.
/// </summary>
internal sealed class DirectOperation
{
    private readonly ControllerActionDescriptor _action;
    private readonly ObjectFactory _create;
    private readonly Func<ControllerBase, HttpContext, Task<IActionResult>> _call;

    private DirectOperation(S3OperationAttribute operation, Endpoint mvcEndpoint, ControllerActionDescriptor action,
        ObjectFactory create, Func<ControllerBase, HttpContext, Task<IActionResult>> call)
    {
        Operation = operation;
        _action = action;
        _create = create;
        _call = call;
        Endpoint = new Endpoint(InvokeAsync, mvcEndpoint.Metadata, mvcEndpoint.DisplayName);
    }

    public S3OperationAttribute Operation { get; }

    /// <summary>The endpoint the selector sets: the MVC endpoint's metadata, this call as its delegate.</summary>
    public Endpoint Endpoint { get; }

    /// <summary>
    /// The direct form of <paramref name="action"/>, or null when it takes more than its input (an XML body is
    /// read by MVC's input formatter, so such operations stay with MVC).
    /// </summary>
    public static DirectOperation? TryCreate(S3OperationAttribute operation, Endpoint mvcEndpoint, ControllerActionDescriptor action)
    {
        var parameters = action.MethodInfo.GetParameters();
        if (parameters.Length != 2 || parameters[1].ParameterType != typeof(CancellationToken) || action.BoundProperties.Count != 0 ||
            !typeof(ControllerBase).IsAssignableFrom(action.ControllerTypeInfo) ||
            !parameters[0].ParameterType.GetInterfaces().Any(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IS3Input<>)))
        {
            return null;
        }

        var input = parameters[0].ParameterType;
        var returns = action.MethodInfo.ReturnType;
        Delegate? call = null;
        if (returns == typeof(Task<IActionResult>))
        {
            call = (Delegate?)typeof(DirectOperation).GetMethod(nameof(CallResult), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(action.ControllerTypeInfo, input).Invoke(null, [action.MethodInfo]);
        }
        else if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) &&
                 returns.GetGenericArguments()[0] is { IsGenericType: true } value && value.GetGenericTypeDefinition() == typeof(ActionResult<>))
        {
            call = (Delegate?)typeof(DirectOperation).GetMethod(nameof(CallValue), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(action.ControllerTypeInfo, input, value.GetGenericArguments()[0]).Invoke(null, [action.MethodInfo]);
        }

        return call is Func<ControllerBase, HttpContext, Task<IActionResult>> typed
            ? new DirectOperation(operation, mvcEndpoint, action, ActivatorUtilities.CreateFactory(action.ControllerTypeInfo, Type.EmptyTypes), typed)
            : null;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var controller = (ControllerBase)_create(context.RequestServices, null);
        var actionContext = new ControllerContext { HttpContext = context, RouteData = new RouteData(), ActionDescriptor = _action };
        controller.ControllerContext = actionContext;
        var result = await _call(controller, context);
        await result.ExecuteResultAsync(actionContext);
    }

    private static Func<ControllerBase, HttpContext, Task<IActionResult>> CallResult<TController, TInput>(System.Reflection.MethodInfo method)
        where TController : ControllerBase
        where TInput : IS3Input<TInput>
    {
        var action = method.CreateDelegate<Func<TController, TInput, CancellationToken, Task<IActionResult>>>();
        return (controller, context) => action((TController)controller, TInput.From(context), context.RequestAborted);
    }

    private static Func<ControllerBase, HttpContext, Task<IActionResult>> CallValue<TController, TInput, TValue>(System.Reflection.MethodInfo method)
        where TController : ControllerBase
        where TInput : IS3Input<TInput>
    {
        var action = method.CreateDelegate<Func<TController, TInput, CancellationToken, Task<ActionResult<TValue>>>>();
        return async (controller, context) =>
        {
            var result = await action((TController)controller, TInput.From(context), context.RequestAborted);
            return ((IConvertToActionResult)result).Convert();
        };
    }
}
