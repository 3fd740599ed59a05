using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Books;

public static class BooksRegistration
{
    public static IServiceCollection AddBooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BookOptions>().Bind(configuration.GetSection("Books")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookOptions>, BookOptionsValidator>());
        services.AddSingleton<BookChangeNotifier>();
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection("Invitations")).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BookService>();
        services.AddScoped<MembershipService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<CurrentBook>();
        services.AddScoped<BlazorLedger.Components.Layout.UserPreferences>();
        return services;
    }
}
