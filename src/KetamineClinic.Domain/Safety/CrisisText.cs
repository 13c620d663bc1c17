namespace KetamineClinic.Domain.Safety;

/// <summary>Patient-facing crisis text (clinical-spec §8.3, [S60]).</summary>
public static class CrisisText
{
    /// <summary>
    /// Shown on every patient screen and discharge summary, word for word (clinical-spec §8.3). The spec's bold
    /// marks on "988" and "911" are presentation; renderers may emphasise those numbers.
    /// </summary>
    public const string PatientFacing =
        "If you are having thoughts of suicide, call or text 988 (988 Suicide & Crisis Lifeline) or chat at 988lifeline.org. If you are in immediate danger, call 911.";
}
