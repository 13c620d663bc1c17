namespace KetamineClinic.Web.Features.Patients;

/// <summary>Words for the patient enums, as staff say them.</summary>
public static class PatientText
{
    public static string Label(JourneyStage stage) => stage switch
    {
        JourneyStage.NewReferral => "New referral",
        JourneyStage.IntakeInProgress => "Intake in progress",
        JourneyStage.AwaitingPhysicianReview => "Awaiting physician review",
        JourneyStage.Eligible => "Eligible",
        JourneyStage.NotEligible => "Not eligible",
        JourneyStage.Induction => "Induction",
        JourneyStage.Maintenance => "Maintenance",
        JourneyStage.Relapsed => "Relapsed",
        JourneyStage.Discharged => "Discharged",
    };

    public static string Label(SexAtBirth sex) => sex switch
    {
        SexAtBirth.Female => "Female",
        SexAtBirth.Male => "Male",
        SexAtBirth.Intersex => "Intersex",
        SexAtBirth.Unknown => "Unknown",
    };

    public static string Label(FlagKind kind) => kind switch
    {
        FlagKind.SuicideRisk => "Suicide risk",
        FlagKind.FallRisk => "Fall risk",
        FlagKind.Allergy => "Allergy",
        FlagKind.ControlledSubstanceConcern => "Controlled-substance concern",
        FlagKind.Other => "Note",
    };
}
