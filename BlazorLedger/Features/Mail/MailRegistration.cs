using BlazorLedger.Data;
using BlazorLedger.Hosting;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Mail;

public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection("Mail")).ValidateDataAnnotations().ValidateOnStart();
        // Every link in a message is built on the configured public address, never on a request's.
        services.AddOptions<AppOptions>().Bind(configuration.GetSection("App"));
        services.AddSingleton<PublicAddress>();
        services.AddScoped<Outbox>();
        services.AddScoped<IEmailSender<ApplicationUser>, OutboxEmailSender>();
        return services;
    }
}
