namespace S3Spec.Server.Routing;
#pragma warning disable
public sealed class S3OperationAttribute(string id, string d, string q) : Attribute { }
public sealed class S3TargetBinder : Microsoft.AspNetCore.Mvc.ModelBinding.IModelBinder { public Task BindModelAsync(Microsoft.AspNetCore.Mvc.ModelBinding.ModelBindingContext c) => Task.CompletedTask; }
public sealed class RequestBodyBinder : Microsoft.AspNetCore.Mvc.ModelBinding.IModelBinder { public Task BindModelAsync(Microsoft.AspNetCore.Mvc.ModelBinding.ModelBindingContext c) => Task.CompletedTask; }
