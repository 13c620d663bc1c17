using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Web.Tests.Platform.Audit;

public sealed class AuditSearchTests
{
    private static readonly Guid PatientA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid PatientB = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid NurseId = Guid.Parse("7b4a0a52-4f7c-4f7e-9d5a-3a0f1c2b6d11");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Ten events, one a minute from Start: reads of A by the nurse, then mixed events.</summary>
    private static async Task SeedAsync(TestDatabase db, FakeTimeProvider clock)
    {
        var nurse = AuditTestKit.Trail(db, clock, "nurse@demo.clinic");
        var doctor = AuditTestKit.Trail(db, new AuditActorInfo(Guid.NewGuid(), "physician@demo.clinic", "Physician", "10.0.0.2"), clock);
        for (var i = 0; i < 4; i++)
        {
            await nurse.RecordAsync(new AuditEntry(AuditActions.Read, "Patient", PatientA.ToString(), PatientA), Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        await doctor.RecordAsync(new AuditEntry(AuditActions.Update, "InfusionSession", "s-1", PatientB), Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await doctor.RecordAsync(new AuditEntry(AuditActions.Export, "Patient", PatientB.ToString(), PatientB, AuditOutcome.Denied), Ct);
        clock.Advance(TimeSpan.FromDays(1));
        await nurse.RecordAsync(new AuditEntry(AuditActions.SignIn, "ClinicUser", null, null), Ct);
        await nurse.RecordAsync(new AuditEntry(AuditActions.SignInFailed, "ClinicUser", null, null, AuditOutcome.Failed), Ct);
        await doctor.RecordAsync(new AuditEntry(AuditActions.Read, "Patient", PatientB.ToString(), PatientB), Ct);
        await doctor.RecordAsync(new AuditEntry(AuditActions.Read, "Patient", PatientA.ToString(), PatientA), Ct);
    }

    private static async Task<(TestDatabase Db, AuditSearch Search)> ArrangeAsync(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateMigratedAsync(provider, Ct);
        await SeedAsync(db, new FakeTimeProvider(AuditTestKit.Start));
        var auditor = AuditTestKit.Trail(db, new AuditActorInfo(Guid.NewGuid(), "admin@demo.clinic", "Admin", null), new FakeTimeProvider(AuditTestKit.Start.AddDays(3)));
        return (db, new AuditSearch(db.Factory(), auditor));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenNoFilters_WhenSearching_ThenNewestFirstPagedWithTheTotal(DatabaseProvider provider)
    {
        var (db, search) = await ArrangeAsync(provider);
        await using var _ = db;

        var first = await search.SearchAsync(new AuditQuery(PageSize: 4), Ct);
        var third = await search.SearchAsync(new AuditQuery(Page: 3, PageSize: 4), Ct);

        Assert.Equal(10, first.Total);
        Assert.Equal([10L, 9L, 8L, 7L], first.Items.Select(e => e.Sequence));
        // The first search appended event 11, recorded after its query: the second sees it.
        Assert.Equal(11, third.Total);
        Assert.Equal([3L, 2L, 1L], third.Items.Select(e => e.Sequence));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenEachFilter_WhenSearching_ThenOnlyMatchingEventsReturn(DatabaseProvider provider)
    {
        var (db, search) = await ArrangeAsync(provider);
        await using var _ = db;

        async Task<long[]> Seq(AuditQuery q) => [.. (await search.SearchAsync(q, Ct)).Items.Select(e => e.Sequence)];

        Assert.Equal(new long[] { 8L, 7L, 4L, 3L, 2L, 1L }, await Seq(new AuditQuery(User: "NURSE@demo")));
        Assert.Equal(new long[] { 8L, 7L, 4L, 3L, 2L, 1L }, await Seq(new AuditQuery(User: NurseId.ToString())));
        Assert.Equal(new long[] { 10L, 4L, 3L, 2L, 1L }, await Seq(new AuditQuery(Patient: PatientA.ToString())));
        Assert.Equal(new long[] { 10L, 9L, 4L, 3L, 2L, 1L }, await Seq(new AuditQuery(Action: "READ", ResourceType: "Patient")));
        Assert.Equal(new long[] { 6L }, await Seq(new AuditQuery(Outcome: AuditOutcome.Denied)));
        Assert.Equal(new long[] { 5L }, await Seq(new AuditQuery(ResourceType: "InfusionSession")));
        // From inclusive, to exclusive: 14:32 up to 14:35 holds events 3, 4, 5.
        Assert.Equal(new long[] { 5L, 4L, 3L }, await Seq(new AuditQuery(From: AuditTestKit.Start.AddMinutes(2), To: AuditTestKit.Start.AddMinutes(5))));
        // A non-UTC bound means the same instant.
        Assert.Equal(new long[] { 5L, 4L, 3L }, await Seq(new AuditQuery(From: AuditTestKit.Start.AddMinutes(2).ToOffset(TimeSpan.FromHours(-6)), To: AuditTestKit.Start.AddMinutes(5).ToOffset(TimeSpan.FromHours(2)))));
        Assert.Equal(new long[] { 8L }, await Seq(new AuditQuery(User: "nurse", Outcome: AuditOutcome.Failed, From: AuditTestKit.Start.AddDays(1))));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAPatientRecordNumber_WhenSearching_ThenItsEventsReturnWithTheMrnShown(DatabaseProvider provider)
    {
        var (db, search) = await ArrangeAsync(provider);
        await using var _ = db;
        var site = await AuditTestKit.AddSiteAsync(db);
        await using (var context = db.CreateContext())
        {
            var patient = AuditTestKit.NewPatient(site.Id, "KC-100042");
            patient.Id = PatientB;
            context.Add(patient);
            await context.SaveChangesAsync(Ct);
        }

        var page = await search.SearchAsync(new AuditQuery(Patient: "kc-100042"), Ct);
        var unknown = await search.SearchAsync(new AuditQuery(Patient: "KC-999999"), Ct);

        Assert.Equal([9L, 6L, 5L], page.Items.Select(e => e.Sequence));
        Assert.All(page.Items, e => Assert.Equal("KC-100042", e.PatientMrn));
        Assert.Empty(unknown.Items);
        Assert.Equal(0, unknown.Total);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenASearch_WhenItRuns_ThenItIsItselfAuditedWithFilterKindsButNoValues(DatabaseProvider provider)
    {
        var (db, search) = await ArrangeAsync(provider);
        await using var _ = db;

        await search.SearchAsync(new AuditQuery(User: "patient.jones@example.org", Patient: PatientA.ToString(), Action: "Read", Page: 2, PageSize: 3), Ct);

        var chain = await AuditTestKit.ReadChainAsync(db);
        var last = chain[^1];
        Assert.Equal(11, last.Sequence);
        Assert.Equal(AuditActions.Search, last.Action);
        Assert.Equal("AuditEvent", last.ResourceType);
        Assert.Equal("admin@demo.clinic", last.UserName);
        Assert.Equal(PatientA, last.PatientId);
        Assert.Equal("filters: user,patient,action=read; page 2 of size 3", last.Detail);
        Assert.Null(AuditChain.Verify(chain));
    }

    [Fact]
    public void GivenValidApiFilters_WhenParsed_ThenTheQueryHoldsThem()
    {
        var query = AuditQueryParser.TryParse(
            new AuditEventsRequest(" nurse ", "KC-1", "read", "Patient", "denied", "2026-11-01", "2026-11-02", "2", "100"), out var errors);

        Assert.Empty(errors);
        Assert.Equal(new AuditQuery("nurse", "KC-1", "read", "Patient", AuditOutcome.Denied,
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), 2, 100), query);
    }

    [Fact]
    public void GivenAnInstantWithAnOffset_WhenParsed_ThenUtc()
    {
        var query = AuditQueryParser.TryParse(new AuditEventsRequest(From: "2026-11-01T08:00:00-05:00"), out _);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero), query!.From);
        Assert.Equal(TimeSpan.Zero, query.From!.Value.Offset);
        Assert.Equal(1, query.Page);
        Assert.Equal(AuditQuery.DefaultPageSize, query.PageSize);
    }

    [Theory]
    [InlineData("outcome", "maybe")]
    [InlineData("outcome", "1")]
    [InlineData("from", "yesterday")]
    [InlineData("to", "2026-13-01")]
    [InlineData("page", "0")]
    [InlineData("page", "-1")]
    [InlineData("pageSize", "201")]
    [InlineData("pageSize", "ten")]
    [InlineData("user", null)]
    public void GivenABadApiFilter_WhenParsed_ThenTheFieldIsNamed(string field, string? value)
    {
        var request = field switch
        {
            "outcome" => new AuditEventsRequest(Outcome: value),
            "from" => new AuditEventsRequest(From: value),
            "to" => new AuditEventsRequest(To: value),
            "page" => new AuditEventsRequest(Page: value),
            "pageSize" => new AuditEventsRequest(PageSize: value),
            _ => new AuditEventsRequest(User: new string('u', 257)),
        };

        var query = AuditQueryParser.TryParse(request, out var errors);

        Assert.Null(query);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void GivenFromAfterTo_WhenParsed_ThenToIsNamed()
    {
        Assert.Null(AuditQueryParser.TryParse(new AuditEventsRequest(From: "2026-11-05", To: "2026-11-04"), out var errors));
        Assert.Equal(["Must be after 'from'."], errors["to"]);
    }
}
