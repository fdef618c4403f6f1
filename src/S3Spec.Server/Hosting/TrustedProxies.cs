using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace S3Spec.Server.Hosting;

/// <summary>
/// The TrustedProxies setting: comma-separated addresses and CIDR networks of the proxies (load balancer, ingress)
/// in front of the server. Only for a request that arrives from one of them is the client address taken from
/// X-Forwarded-For (ASP.NET Core's forwarded-headers middleware: the right-most entry that is not itself a trusted
/// proxy); from anywhere else the header is ignored. None (the default): the header is never used, and the
/// middleware is not in the pipeline at all (with no known proxy it would trust every sender).
/// </summary>
internal static class TrustedProxies
{
    /// <summary>The forwarded-headers options for the setting, or null when it names no proxy.</summary>
    public static ForwardedHeadersOptions? Options(string? setting)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in (setting ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (!entry.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new FormatException(
                    $"TrustedProxies: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8 (comma-separated, e.g. 10.0.0.5,192.168.0.0/16).");
            }
        }

        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? null : options;
    }

    /// <summary>Takes the client address from X-Forwarded-For for requests from the trusted proxies; nothing when there are none.</summary>
    public static void UseTrustedProxies(this IApplicationBuilder app, string? setting)
    {
        if (Options(setting) is { } options)
        {
            app.UseForwardedHeaders(options);
        }
    }
}
