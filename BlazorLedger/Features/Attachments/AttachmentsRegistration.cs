namespace BlazorLedger.Features.Attachments;

public static class AttachmentsRegistration
{
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection("Attachments")).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<AttachmentService>();
    }
}
