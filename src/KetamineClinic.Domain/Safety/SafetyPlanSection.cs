namespace KetamineClinic.Domain.Safety;

/// <summary>The six sections of the Stanley–Brown Safety Plan, in order (clinical-spec §8.2).</summary>
public enum SafetyPlanSection
{
    /// <summary>1. Warning signs that a crisis is starting.</summary>
    WarningSigns = 1,

    /// <summary>2. Internal coping strategies.</summary>
    InternalCopingStrategies = 2,

    /// <summary>3. People and social settings that provide distraction.</summary>
    DistractingPeopleAndPlaces = 3,

    /// <summary>4. People to ask for help.</summary>
    PeopleToAskForHelp = 4,

    /// <summary>5. Professionals and agencies to contact in a crisis (including 988 and 911).</summary>
    ProfessionalsAndAgencies = 5,

    /// <summary>6. Making the environment safe (lethal-means reduction).</summary>
    MakingTheEnvironmentSafe = 6,
}

/// <summary>Titles and prompts of the safety-plan sections (clinical-spec §8.2).</summary>
public static class SafetyPlanSections
{
    /// <summary>All sections in plan order.</summary>
    public static IReadOnlyList<SafetyPlanSection> InOrder =>
    [
        SafetyPlanSection.WarningSigns,
        SafetyPlanSection.InternalCopingStrategies,
        SafetyPlanSection.DistractingPeopleAndPlaces,
        SafetyPlanSection.PeopleToAskForHelp,
        SafetyPlanSection.ProfessionalsAndAgencies,
        SafetyPlanSection.MakingTheEnvironmentSafe,
    ];

    /// <summary>The section's title as shown on the plan.</summary>
    public static string Title(this SafetyPlanSection section) => section switch
    {
        SafetyPlanSection.WarningSigns => "Warning signs",
        SafetyPlanSection.InternalCopingStrategies => "Internal coping strategies",
        SafetyPlanSection.DistractingPeopleAndPlaces => "People and social settings that provide distraction",
        SafetyPlanSection.PeopleToAskForHelp => "People to ask for help",
        SafetyPlanSection.ProfessionalsAndAgencies => "Professionals and agencies to contact in a crisis",
        SafetyPlanSection.MakingTheEnvironmentSafe => "Making the environment safe",
    };

    /// <summary>The section's prompt (what the patient writes there).</summary>
    public static string Prompt(this SafetyPlanSection section) => section switch
    {
        SafetyPlanSection.WarningSigns => "Thoughts, images, mood, situations or behavior that tell you a crisis may be starting.",
        SafetyPlanSection.InternalCopingStrategies => "Things you can do on your own to take your mind off your problems.",
        SafetyPlanSection.DistractingPeopleAndPlaces => "People and places that help take your mind off things.",
        SafetyPlanSection.PeopleToAskForHelp => "People you can ask for help (names and phone numbers).",
        SafetyPlanSection.ProfessionalsAndAgencies =>
            "Professionals and agencies you can contact in a crisis, including the 988 Suicide & Crisis Lifeline (call or text 988, chat at 988lifeline.org) and 911.",
        SafetyPlanSection.MakingTheEnvironmentSafe => "Steps to make your environment safe, including limiting access to lethal means.",
    };
}
