using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace S3Spec.Server.Hosting;

/// <summary>The handlers are internal sealed classes; MVC's default discovery only takes public ones.</summary>
internal sealed class HandlerFeatureProvider : ControllerFeatureProvider
{
    protected override bool IsController(TypeInfo typeInfo) =>
        typeInfo.IsClass && !typeInfo.IsAbstract && typeInfo.Namespace == "S3Spec.Server.Handlers" &&
        typeInfo.BaseType?.Namespace == "S3Spec.Server.Api";
}
