namespace KetamineClinic.Domain.Instruments;

/// <summary>
/// One answer given to a questionnaire item, as it arrives from the patient portal, a staff screen or a FHIR
/// QuestionnaireResponse (valueInteger/valueDecimal, valueBoolean, valueCoding). A missing answer is an absent
/// entry, not an <see cref="ItemAnswer"/>. Whether the answer is acceptable is decided by the item it answers.
/// </summary>
public abstract record ItemAnswer
{
    private ItemAnswer()
    {
    }

    /// <summary>A numeric answer. Non-integers are rejected by scoring (e.g. MADRS-01), not here.</summary>
    public static ItemAnswer Of(decimal value) => new Number(value);

    /// <summary>A yes/no answer (C-SSRS).</summary>
    public static ItemAnswer Of(bool value) => new YesNo(value);

    /// <summary>A numeric answer.</summary>
    public static implicit operator ItemAnswer(int value) => new Number(value);

    /// <summary>A yes/no answer.</summary>
    public static implicit operator ItemAnswer(bool value) => new YesNo(value);

    /// <summary>Named alternative for the implicit conversion from <see cref="int"/>.</summary>
    public static ItemAnswer FromInt32(int value) => new Number(value);

    /// <summary>Named alternative for the implicit conversion from <see cref="bool"/>.</summary>
    public static ItemAnswer FromBoolean(bool value) => new YesNo(value);

    /// <summary>A numeric answer as entered (may be a non-integer, which scoring rejects).</summary>
    /// <param name="Value">The value as entered.</param>
    public sealed record Number(decimal Value) : ItemAnswer;

    /// <summary>A yes/no answer.</summary>
    /// <param name="Value">True for Yes.</param>
    public sealed record YesNo(bool Value) : ItemAnswer;

    /// <summary>A coded answer, e.g. LOINC answer code LA6570-1 ("More than half the days" = 2).</summary>
    /// <param name="System">Code-system URI.</param>
    /// <param name="Code">Answer code.</param>
    public sealed record Coded(string System, string Code) : ItemAnswer;
}
