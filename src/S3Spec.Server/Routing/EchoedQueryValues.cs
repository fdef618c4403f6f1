using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace S3Spec.Server.Routing;

/// <summary>
/// Binds the query parameters a listing echoes exactly as sent: ASP.NET Core otherwise turns an empty or
/// whitespace-only value into null, so a delimiter " " or a prefix "\n" was ignored and not echoed, and an empty
/// continuation token was not told from an absent one.
/// </summary>
internal sealed class EchoedQueryValues : IDisplayMetadataProvider
{
    internal static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
        ["prefix", "delimiter", "marker", "start-after", "continuation-token", "key-marker", "upload-id-marker"], StringComparer.Ordinal);

    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Key.ModelType == typeof(string)
            && context.Attributes.OfType<FromQueryAttribute>().FirstOrDefault() is { Name: { } name }
            && Names.Contains(name))
        {
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
        }
    }
}
