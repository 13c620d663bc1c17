using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Today;
using KetamineClinic.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Today;

public sealed class TodayQueryTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenSite_WhenAskingForToday_ThenItsChairsStageCountsAndAssignedStaff(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        await TestPatients.AddAsync(app.Services, app.Clinic.Hillcrest.Id, "KC-T0001", "Ana", "Hill", new DateOnly(1980, 1, 1), JourneyStage.Maintenance, ct: Ct);
        await TestPatients.AddAsync(app.Services, app.Clinic.Hillcrest.Id, "KC-T0002", "Bo", "Hill", new DateOnly(1981, 1, 1), JourneyStage.Maintenance, ct: Ct);
        await TestPatients.AddAsync(app.Services, app.Clinic.Hillcrest.Id, "KC-T0003", "Cy", "Hill", new DateOnly(1982, 1, 1), JourneyStage.Eligible, ct: Ct);
        await TestPatients.AddAsync(app.Services, app.Clinic.Riverside.Id, "KC-T0004", "Di", "River", new DateOnly(1983, 1, 1), JourneyStage.Eligible, ct: Ct);
        await using var scope = app.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<TodayQuery>();

        var hillcrest = await query.GetAsync(app.Clinic.Hillcrest.Id, Ct);
        var riverside = await query.GetAsync(app.Clinic.Riverside.Id, Ct);

        Assert.NotNull(hillcrest);
        Assert.NotNull(riverside);
        Assert.Equal(["Bay A", "Bay B"], hillcrest.Chairs.Select(c => c.Label).ToArray());
        Assert.Equal(1, hillcrest.ActiveChairs);
        Assert.Equal(["Chair 1", "Chair 2", "Chair 3", "Chair 10"], riverside.Chairs.Select(c => c.Label).ToArray());
        Assert.Equal(Enum.GetValues<JourneyStage>(), hillcrest.Stages.Select(s => s.Stage).ToArray());
        Assert.Equal(2, hillcrest.Stages.Single(s => s.Stage == JourneyStage.Maintenance).Patients);
        Assert.Equal(1, hillcrest.Stages.Single(s => s.Stage == JourneyStage.Eligible).Patients);
        Assert.Equal(3, hillcrest.Patients);
        // Riverside: the portal patient (intake) and one eligible patient.
        Assert.Equal(2, riverside.Patients);
        Assert.Equal(1, riverside.Stages.Single(s => s.Stage == JourneyStage.IntakeInProgress).Patients);
        // Only the nurse works at Hillcrest; everyone but the patient at Riverside.
        Assert.Equal([TestClinic.DisplayNameFor(ClinicRoles.Nurse)], hillcrest.Staff.Select(s => s.DisplayName).ToArray());
        Assert.Equal(5, riverside.Staff.Count);
        Assert.Equal([ClinicRoles.Nurse], hillcrest.Staff[0].Roles);
        Assert.Equal("RN", hillcrest.Staff[0].Credentials);
    }

    [Fact]
    public async Task GivenUnknownSite_WhenAskingForToday_ThenNothing()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<TodayQuery>().GetAsync(Guid.NewGuid(), Ct));
    }
}
