namespace RunbotVsCode.Hosting;

/// <summary>Derives the address nginx uses to reach this service from where the service listens.</summary>
public static class ServiceAddress
{
    /// <summary>
    /// Returns <c>host:port</c> of the first URL in <paramref name="urls"/>; a wildcard host (<c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) becomes the loopback address, since nginx runs on the same host.
    /// </summary>
    public static string FromUrls(string urls)
    {
        var first = HttpOptionsValidator.SplitUrls(urls).FirstOrDefault()
            ?? throw new ArgumentException("Http:Urls is empty; set it to where this service listens.", nameof(urls));

        var uri = new Uri(HttpOptionsValidator.ReplaceWildcardHost(first));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return $"{host}:{uri.Port}";
    }
}
