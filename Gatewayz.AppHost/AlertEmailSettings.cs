namespace Gatewayz.AppHost;

/// <summary>
/// Email settings shared by both alerting layers (Alertmanager and Grafana alerting).
/// Each is an AppHost parameter: set them under <c>Parameters</c> in user secrets or the
/// environment (<c>Parameters__smtp_password</c>); <c>aspire publish</c> writes them to <c>.env</c>.
/// </summary>
internal sealed record AlertEmailSettings(
    IResourceBuilder<ParameterResource> SmtpHost,
    IResourceBuilder<ParameterResource> SmtpFrom,
    IResourceBuilder<ParameterResource> SmtpUser,
    IResourceBuilder<ParameterResource> SmtpPassword,
    IResourceBuilder<ParameterResource> OpsRecipients,
    IResourceBuilder<ParameterResource> CriticalRecipients)
{
    /// <summary>The published default: the mail relay the original stack used.</summary>
    public const string PublishedSmtpHost = "smtp.gmail.com:465";

    /// <summary>
    /// Run locally, alerts go to a mail server on this machine (none, usually: delivery fails and is logged) until
    /// <c>Parameters:smtp-host</c> is set, so a developer's stack never mails the real recipients by default.
    /// </summary>
    public const string LocalSmtpHost = "localhost:25";

    public static AlertEmailSettings FromParameters(IDistributedApplicationBuilder builder) => new(
        SmtpHost: builder.AddParameter("smtp-host", builder.ExecutionContext.IsPublishMode ? PublishedSmtpHost : LocalSmtpHost, publishValueAsDefault: true),
        SmtpFrom: builder.AddParameter("smtp-from", "alerts@gatewayz.local", publishValueAsDefault: true),
        SmtpUser: builder.AddParameter("smtp-user", "alerts@gatewayz.local", publishValueAsDefault: true),
        // Empty when run locally (no mail is sent without a real server anyway), so start-up does not stop to ask;
        // not published as a default, so a deployment must supply it.
        SmtpPassword: builder.AddParameter("smtp-password", string.Empty, publishValueAsDefault: false, secret: true),
        OpsRecipients: builder.AddParameter("alert-email-ops", "ops@gatewayz.local", publishValueAsDefault: true),
        CriticalRecipients: builder.AddParameter("alert-email-crit", "oncall@gatewayz.local", publishValueAsDefault: true));
}
