namespace BlazorLedger.Features.Attachments;

public static class AttachmentsRegistration
{
    /// <param name="contentRoot">The app folder, which a relative <c>Attachments:Folder</c> is taken from.</param>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration, string? contentRoot = null)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection("Attachments"))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.Folder))
                {
                    o.Folder = Path.GetFullPath(Path.Combine(contentRoot ?? AppContext.BaseDirectory, o.Folder));
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Folder) || AttachmentFolder.CanWrite(o.Folder),
                "Attachments:Folder cannot be created or written to; give a folder the app's user can write in, or leave it empty to keep attachments in the database.")
            .ValidateOnStart();
        services.AddSingleton<AttachmentFolder>();
        return services.AddScoped<AttachmentService>();
    }
}
