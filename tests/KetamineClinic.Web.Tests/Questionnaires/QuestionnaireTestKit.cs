using KetamineClinic.Domain.Instruments;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Questionnaires;

/// <summary>Helpers shared by the questionnaire tests: a fresh synthetic patient per test, answers, submissions.</summary>
internal static class QuestionnaireTestKit
{
    public static readonly InstrumentSubmitter Nurse = new(Guid.Parse("00000000-0000-0000-0000-00000000b001"), "nurse@test.clinic", "Nurse");

    public static async Task<Guid> NewPatientAsync(SeededApp app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var patient = new Patient
        {
            Mrn = "KC-Q" + Guid.NewGuid().ToString("N")[..8],
            GivenName = "Quinn",
            FamilyName = "Synthetic",
            BornOn = new DateOnly(1990, 1, 1),
            PrimarySiteId = app.Clinic.Riverside.Id,
            Stage = JourneyStage.Induction,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    public static Dictionary<string, ItemAnswer> Items(params int[] values) =>
        values.Select((v, i) => (Key: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Value: ItemAnswer.Of(v)))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    public static Dictionary<string, ItemAnswer> YesNo(params (string LinkId, bool Yes)[] answers) =>
        answers.ToDictionary(a => a.LinkId, a => ItemAnswer.Of(a.Yes), StringComparer.Ordinal);

    public static InstrumentSubmission Submission(Guid patientId, string instrumentId, IReadOnlyDictionary<string, ItemAnswer> answers, SubmissionIdentifier? identifier = null) =>
        new(patientId, instrumentId, answers, DateTimeOffset.UtcNow.AddMinutes(-1), ResponseSource.Staff, Nurse, Identifier: identifier);

    public static InstrumentSubmissionHandler Handler(SeededApp app) => app.Services.GetRequiredService<InstrumentSubmissionHandler>();

    public static async Task<(int Responses, int Flags, int Alerts)> CountsAsync(SeededApp app, Guid patientId)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return (
            await db.Set<InstrumentResponse>().CountAsync(r => r.PatientId == patientId),
            await db.PatientFlags.CountAsync(f => f.PatientId == patientId && f.Kind == FlagKind.SuicideRisk),
            await db.Set<SuicideRiskAlert>().CountAsync(a => a.PatientId == patientId));
    }
}
