using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Auth;

/// <summary>Registration of the <c>Auth</c> settings.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AuthOptions"/> to the <c>Auth</c> section and validates it with
    /// <see cref="AuthOptionsValidator"/> at start.
    /// </summary>
    public static IServiceCollection AddAuthOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());

        return services;
    }
}
