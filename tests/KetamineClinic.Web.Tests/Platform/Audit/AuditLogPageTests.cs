using Bunit;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Platform.Audit;

/// <summary>The interactive page: server-side paging, filters, and the verify button, on a real database.</summary>
public sealed class AuditLogPageTests : BunitContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<TestDatabase> ArrangeAsync(int events)
    {
        var db = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite, Ct);
        await AuditTestKit.RecordManyAsync(AuditTestKit.Trail(db), events);
        var auditor = AuditTestKit.Trail(db, user: "admin@demo.clinic");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IAuditTrail>(auditor);
        Services.AddSingleton(new AuditSearch(db.Factory(), auditor));
        Services.AddSingleton(new AuditChainVerifier(db.Factory()));
        return db;
    }

    [Fact]
    public async Task GivenSixtyEvents_WhenThePageOpens_ThenTheNewestFiftyShowWithTheirChainPosition()
    {
        await using var db = await ArrangeAsync(60);

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("tbody tr").Count), TimeSpan.FromSeconds(10));
        var firstRow = page.FindAll("tbody tr")[0];
        Assert.Equal("60", firstRow.QuerySelector("td")!.TextContent.Trim());
        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(AuditActions.Search, chain[^1].Action);
    }

    [Fact]
    public async Task GivenTheVerifyButton_WhenClicked_ThenTheChainResultShowsAndIsAudited()
    {
        await using var db = await ArrangeAsync(5);
        var page = Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")), TimeSpan.FromSeconds(10));

        await page.Find("[data-test=audit-verify]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("audit chain intact: 6 events", page.Find("[data-test=audit-verification]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var chain = await AuditTestKit.ReadChainAsync(db);
        Assert.Equal(AuditActions.Verify, chain[^1].Action);
        Assert.Equal("audit chain intact: 6 events", chain[^1].Detail);
    }

    [Fact]
    public void GivenFromAfterTo_WhenTheFormBuildsAQuery_ThenRefusedWithAMessage()
    {
        var form = new AuditFilterForm { From = new DateTime(2026, 11, 5), To = new DateTime(2026, 11, 4) };

        Assert.Null(form.ToQuery(1, 50, out var error));
        Assert.Equal("'From' must not be after 'To'.", error);
    }

    [Fact]
    public void GivenASingleDay_WhenTheFormBuildsAQuery_ThenThatWholeUtcDayIsIncluded()
    {
        var form = new AuditFilterForm { From = new DateTime(2026, 11, 5), To = new DateTime(2026, 11, 5), User = "  ", Action = AuditActions.Read };

        var query = form.ToQuery(2, 25, out var error);

        Assert.Null(error);
        Assert.Equal(new AuditQuery(null, null, "read", null, null,
            new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.Zero), 2, 25), query);
    }
}
