using System.Globalization;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// Modified Observer's Assessment of Alertness/Sedation (clinical-spec §4.4): 0 (no response to a painful stimulus)
/// to 5 (responds readily to name spoken in a normal tone). 3 = responds only after the name is called loudly
/// and/or repeatedly, so 3–5 respond to voice and 0–2 do not.
/// </summary>
public readonly record struct MoaasScore
{
    /// <summary>Lowest score.</summary>
    public const int Min = 0;

    /// <summary>Highest score.</summary>
    public const int Max = 5;

    /// <summary>Lowest score at which the patient still responds to voice.</summary>
    public const int LowestRespondingToVoice = 3;

    /// <summary>Creates a score; throws <see cref="ArgumentOutOfRangeException"/> outside 0–5.</summary>
    public MoaasScore(int score)
    {
        if (score is < Min or > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, string.Create(CultureInfo.InvariantCulture, $"MOAA/S must be {Min}–{Max}."));
        }

        Score = score;
    }

    /// <summary>The score, 0–5.</summary>
    public int Score { get; }

    /// <summary>True for 3–5 (responds to the voice, loud or normal).</summary>
    public bool RespondsToVoice => Score >= LowestRespondingToVoice;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"MOAA/S {Score}");
}
