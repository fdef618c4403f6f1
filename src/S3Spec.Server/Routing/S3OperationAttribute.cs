using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using S3Spec.Server.Api;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Routing;

/// <summary>
/// Emitted on every generated action by spec/templates/Controller.liquid. It names the S3 operation and selects
/// it among the actions that share a route and method, from the discriminator suffix of the spec's path key:
/// <c>?name</c> (query parameter present), <c>?name=value</c> (exact value), <c>#header</c> (request header present),
/// joined by '&amp;'. An action never accepts a request carrying an S3 sub-resource parameter it does not declare,
/// so requests for operations S3Spec does not serve match nothing and fall to the NotImplemented endpoint.
/// More specific discriminators get a lower <see cref="Order"/> and are evaluated first; ASP.NET Core then drops the
/// less specific candidates.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class S3OperationAttribute : Attribute, IActionConstraint
{
    /// <summary>Query parameters that select an S3 sub-resource or operation (AWS S3 API reference).</summary>
    internal static readonly FrozenSet<string> SubResources = FrozenSet.ToFrozenSet(
    [
        "accelerate", "acl", "analytics", "attributes", "cors", "delete", "encryption", "intelligent-tiering",
        "inventory", "legal-hold", "lifecycle", "list-type", "location", "logging", "metadataConfiguration",
        "metadataTable", "metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy",
        "policyStatus", "publicAccessBlock", "renameObject", "replication", "requestPayment", "restore", "retention",
        "select", "select-type", "session", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
        "versions", "website",
    ], StringComparer.Ordinal);

    private readonly (string Name, string? Value)[] _query;
    private readonly string[] _headers;
    private readonly FrozenSet<string> _declared;

    public S3OperationAttribute(string operationId, string discriminator, string declaredQuery)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(declaredQuery);
        OperationId = operationId;
        Discriminator = discriminator;
        Traits = S3OperationTable.Find(operationId);

        var hash = discriminator.IndexOf('#', StringComparison.Ordinal);
        var queryPart = hash >= 0 ? discriminator[..hash] : discriminator;
        var headerPart = hash >= 0 ? discriminator[(hash + 1)..] : string.Empty;
        _query = queryPart.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(static q =>
            {
                var eq = q.IndexOf('=', StringComparison.Ordinal);
                return eq < 0 ? (q, (string?)null) : (q[..eq], q[(eq + 1)..]);
            })
            .ToArray();
        _headers = headerPart.Split('&', StringSplitOptions.RemoveEmptyEntries);
        _declared = declaredQuery.Split(',', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
        Order = -(_query.Length + _headers.Length);
    }

    /// <summary>The OpenAPI operationId (used for logs and metrics).</summary>
    public string OperationId { get; }

    public string Discriminator { get; }

    /// <summary>The query parameters the operation declares in the spec.</summary>
    public IReadOnlyCollection<string> DeclaredQuery => _declared;

    /// <summary>The operation's traits (spec extensions x-s3-*), generated at build time.</summary>
    internal OperationTraits Traits { get; }

    public int Order { get; }

    public bool Accept(ActionConstraintContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Accepts(context.RouteContext.HttpContext.Request);
    }

    /// <summary>Whether the request carries this operation's discriminator and no sub-resource it does not declare.</summary>
    internal bool Accepts(HttpRequest request)
    {
        foreach (var (name, value) in _query)
        {
            if (!request.Query.TryGetValue(name, out var actual))
            {
                return false;
            }

            if (value is not null && !string.Equals(actual.ToString(), value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var header in _headers)
        {
            if (!request.Headers.ContainsKey(header))
            {
                return false;
            }
        }

        foreach (var parameter in request.Query)
        {
            if (SubResources.Contains(parameter.Key) && !_declared.Contains(parameter.Key))
            {
                return false;
            }
        }

        return true;
    }
}
