namespace BlazorLedger.Features.Books;

public static class BooksRegistration
{
    public static IServiceCollection AddBooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BookOptions>(configuration.GetSection("Books"));
        services.AddSingleton<BookChangeNotifier>();
        services.Configure<InvitationOptions>(configuration.GetSection("Invitations"));
        services.AddScoped<BookService>();
        services.AddScoped<MembershipService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<CurrentBook>();
        services.AddScoped<BlazorLedger.Components.Layout.UserPreferences>();
        return services;
    }
}
