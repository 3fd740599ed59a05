using BlazorLedger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorLedger.Features.Mail;

public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddScoped<Outbox>();
        services.AddScoped<IEmailSender<ApplicationUser>, OutboxEmailSender>();
        return services;
    }
}
