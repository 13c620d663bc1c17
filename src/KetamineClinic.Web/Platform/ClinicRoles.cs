namespace KetamineClinic.Web.Platform;

/// <summary>Role names, as stored by ASP.NET Core Identity.</summary>
public static class ClinicRoles
{
    public const string Admin = "Admin";
    public const string Physician = "Physician";
    public const string Nurse = "Nurse";
    public const string FrontDesk = "FrontDesk";
    /// <summary>Controlled-substance custodian.</summary>
    public const string Pharmacist = "Pharmacist";
    public const string Patient = "Patient";

    public static readonly IReadOnlyList<string> Staff = [Admin, Physician, Nurse, FrontDesk, Pharmacist];
    public static readonly IReadOnlyList<string> All = [Admin, Physician, Nurse, FrontDesk, Pharmacist, Patient];
}
