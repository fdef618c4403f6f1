using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing.Patterns;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Routing;

/// <summary>
/// The generated actions by method and request shape (service, bucket, object), built once from MVC's own
/// endpoints, so that selection sees exactly the routes, methods and <see cref="S3OperationAttribute"/> constraints
/// MVC sees. <see cref="Select"/> answers what MVC's action selection would answer (the accepting operation with the
/// most specific discriminator) when that operation can be called directly, and null in every other case (no
/// operation accepts, a tie, an operation with an XML body): those requests go through MVC's routing unchanged.
/// </summary>
internal sealed class DirectOperationTable
{
    private readonly FrozenDictionary<string, Candidate[]>[] _byShape;

    private DirectOperationTable(FrozenDictionary<string, Candidate[]>[] byShape) => _byShape = byShape;

    /// <summary>A table that selects nothing: every request goes through MVC.</summary>
    public static DirectOperationTable Empty { get; } = new([FrozenDictionary<string, Candidate[]>.Empty, FrozenDictionary<string, Candidate[]>.Empty, FrozenDictionary<string, Candidate[]>.Empty]);

    public static DirectOperationTable Build(IEnumerable<Endpoint> endpoints)
    {
        var shapes = new Dictionary<string, List<Candidate>>[] { new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal) };
        foreach (var endpoint in endpoints)
        {
            var operation = endpoint.Metadata.GetMetadata<S3OperationAttribute>();
            if (operation is null)
            {
                continue;
            }

            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>();
            var shape = endpoint is RouteEndpoint route ? Shape(route.RoutePattern) : -1;
            if (action is null || methods is null || methods.HttpMethods.Count == 0 || shape < 0 ||
                endpoint.Metadata.Count(static m => m is S3OperationAttribute) != 1)
            {
                // Something this table cannot reproduce: leave every request to MVC.
                return Empty;
            }

            var candidate = new Candidate(operation, DirectOperation.TryCreate(operation, endpoint, action));
            foreach (var method in methods.HttpMethods)
            {
                var list = shapes[shape].TryGetValue(method, out var found) ? found : shapes[shape][method] = [];
                list.Add(candidate);
            }
        }

        return new(shapes.Select(static s => s.ToFrozenDictionary(static e => e.Key, static e => e.Value.OrderBy(static c => c.Operation.Order).ToArray(), StringComparer.Ordinal)).ToArray());
    }

    /// <summary>The operation MVC would select for the request, when it can be called directly; else null.</summary>
    public DirectOperation? Select(HttpRequest request, S3Target target)
    {
        var shape = target.Bucket is null ? 0 : target.Key is null ? 1 : 2;
        if (!_byShape[shape].TryGetValue(request.Method, out var candidates))
        {
            return null;
        }

        Candidate? selected = null;
        foreach (var candidate in candidates)
        {
            if (selected is not null && candidate.Operation.Order != selected.Operation.Order)
            {
                break;
            }

            if (candidate.Operation.Accepts(request))
            {
                if (selected is not null)
                {
                    return null;
                }

                selected = candidate;
            }
        }

        return selected?.Direct;
    }

    /// <summary>0 for the service ("/"), 1 for "{bucket}", 2 for "{bucket}/{key}"; -1 for any other pattern.</summary>
    private static int Shape(RoutePattern pattern)
    {
        if (pattern.PathSegments.Count > 2)
        {
            return -1;
        }

        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts.Count != 1 || segment.Parts[0] is not RoutePatternParameterPart { IsCatchAll: false, IsOptional: false, ParameterPolicies.Count: 0 })
            {
                return -1;
            }
        }

        return pattern.PathSegments.Count;
    }

    private sealed record Candidate(S3OperationAttribute Operation, DirectOperation? Direct);
}
