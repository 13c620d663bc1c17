using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;

namespace KetamineClinic.Web.Features.Demo;

/// <summary>
/// The fixed, obviously synthetic cast of the demo clinic. Phone numbers are in the 555-0100..0199 range reserved
/// for fiction; emails are at example.org (patients) or demo.clinic (sign-ins).
/// </summary>
internal static class DemoCast
{
    public const string OrganizationName = "Ketamine Clinic Demo Network";

    public sealed record SiteSpec(
        string Key, string Name, string AddressLine, string City, string Region, string PostalCode, string AreaCode,
        string TimeZone, double Latitude, double Longitude, int Chairs, bool OpenSaturday);

    public static readonly SiteSpec Riverside = new(
        "riverside", "Riverside Infusion Center", "100 Example Riverfront Way", "Portland", "OR", "97201", "503",
        "America/Los_Angeles", 45.5231, -122.6765, Chairs: 6, OpenSaturday: true);

    public static readonly SiteSpec Lakeview = new(
        "lakeview", "Lakeview Infusion Center", "200 Sample Lakeshore Drive", "Chicago", "IL", "60613", "312",
        "America/Chicago", 41.9400, -87.6440, Chairs: 4, OpenSaturday: false);

    public static readonly IReadOnlyList<SiteSpec> Sites = [Riverside, Lakeview];

    /// <summary>Which sites a staff member works at.</summary>
    public enum WorkPlace
    {
        BothSites,
        Riverside,
        Lakeview,
    }

    public sealed record StaffSpec(string Email, string DisplayName, string? Credentials, string? License, string[] Roles, WorkPlace WorksAt);

    /// <summary>The contract sign-ins (contracts.md, demo mode) first, then extra staff.</summary>
    public static readonly IReadOnlyList<StaffSpec> Staff =
    [
        new("admin@demo.clinic", "Avery Sample", null, null, [ClinicRoles.Admin], WorkPlace.BothSites),
        new("physician@demo.clinic", "Dr. Morgan Example", "MD", "DEMO-MD-0001", [ClinicRoles.Physician], WorkPlace.BothSites),
        new("nurse@demo.clinic", "Casey Placeholder", "RN", "DEMO-RN-0001", [ClinicRoles.Nurse], WorkPlace.Riverside),
        new("nurse2@demo.clinic", "Jamie Mockwell", "RN", "DEMO-RN-0002", [ClinicRoles.Nurse], WorkPlace.Lakeview),
        new("frontdesk@demo.clinic", "Taylor Specimen", null, null, [ClinicRoles.FrontDesk], WorkPlace.BothSites),
        new("pharmacist@demo.clinic", "Pat Fixture", "PharmD", "DEMO-RPH-0001", [ClinicRoles.Pharmacist], WorkPlace.BothSites),
        new("director@demo.clinic", "Dr. Jordan Testwell", "MD, Medical Director", "DEMO-MD-0002", [ClinicRoles.Physician], WorkPlace.BothSites),
        new("physician2@demo.clinic", "Dr. Riley Prototype", "DO", "DEMO-DO-0003", [ClinicRoles.Physician], WorkPlace.Lakeview),
    ];

    public const string PatientSignIn = "patient@demo.clinic";

    /// <summary>Forty patients over the journey; the order fixes who gets which flag below.</summary>
    public static readonly IReadOnlyList<(JourneyStage Stage, int Count)> Journey =
    [
        (JourneyStage.NewReferral, 5),
        (JourneyStage.IntakeInProgress, 6),
        (JourneyStage.AwaitingPhysicianReview, 3),
        (JourneyStage.Eligible, 5),
        (JourneyStage.NotEligible, 2),
        (JourneyStage.Induction, 7),
        (JourneyStage.Maintenance, 8),
        (JourneyStage.Relapsed, 3),
        (JourneyStage.Discharged, 1),
    ];

    public static readonly string[] GivenNames =
    [
        "Alex", "Blair", "Casey", "Dakota", "Emerson", "Finley", "Gray", "Harper", "Indigo", "Jordan",
        "Kendall", "Lennon", "Marlowe", "Noel", "Oakley", "Parker", "Quinn", "Rowan", "Sawyer", "Tatum",
    ];

    public static readonly string[] FamilyNames =
    [
        "Example", "Sample", "Specimen", "Mockup", "Placeholder", "Fakename", "Testcase", "Demo", "Prototype", "Stub",
        "Fixture", "Dummy", "Synthetic", "Madeup", "Fictional", "Pretend", "Notreal", "Imaginary", "Invented", "Lorem",
    ];

    public static readonly (string Substance, string Reaction)[] Allergies =
    [
        ("Penicillin", "Rash"),
        ("Sulfonamides", "Hives"),
        ("Latex", "Contact dermatitis"),
        ("Ondansetron", "Headache"),
        ("Codeine", "Nausea"),
        ("Adhesive tape", "Skin irritation"),
    ];

    /// <summary>Days since referral, by stage (min, max): a patient in maintenance has been with the clinic longer.</summary>
    public static (int Min, int Max) DaysInClinic(JourneyStage stage) => stage switch
    {
        JourneyStage.NewReferral => (1, 7),
        JourneyStage.IntakeInProgress => (5, 20),
        JourneyStage.AwaitingPhysicianReview => (10, 25),
        JourneyStage.Eligible => (14, 30),
        JourneyStage.NotEligible => (20, 40),
        JourneyStage.Induction => (21, 45),
        JourneyStage.Maintenance => (60, 300),
        JourneyStage.Relapsed => (120, 400),
        JourneyStage.Discharged => (200, 500),
    };

    /// <summary>Patients who come for infusions bring an escort home.</summary>
    public static bool HasEscort(JourneyStage stage) => stage switch
    {
        JourneyStage.Eligible or JourneyStage.Induction or JourneyStage.Maintenance or JourneyStage.Relapsed => true,
        JourneyStage.NewReferral or JourneyStage.IntakeInProgress or JourneyStage.AwaitingPhysicianReview
            or JourneyStage.NotEligible or JourneyStage.Discharged => false,
    };
}
