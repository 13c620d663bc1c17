using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Platform;

/// <summary>A sign-in: staff member or patient. Roles come from Identity's role tables.</summary>
public sealed class ClinicUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    /// <summary>Disabled accounts cannot sign in; staff are never deleted (the audit trail names them).</summary>
    public bool IsDisabled { get; set; }
    /// <summary>For a patient sign-in, the patient record it belongs to.</summary>
    public Guid? PatientId { get; set; }
    /// <summary>Professional credentials shown in the directory (e.g. "MD", "RN").</summary>
    public string? Credentials { get; set; }
    public string? LicenseNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Set for an account created with a one-time password (`admin create`): until the user chooses a new
    /// password, every page except /account/* sends them to /account/change-password (PasswordChangeRequirement).
    /// </summary>
    public bool MustChangePassword { get; set; }
    public List<StaffSiteAssignment> Sites { get; set; } = [];
}

/// <summary>Which sites a staff member works at.</summary>
public sealed class StaffSiteAssignment
{
    public Guid UserId { get; set; }
    public Guid SiteId { get; set; }
}
