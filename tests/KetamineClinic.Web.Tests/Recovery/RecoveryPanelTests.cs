using Bunit;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Tests.Infusions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Recovery;

/// <summary>The recovery panel's key states, rendered with bUnit over the real handlers and a throwaway database.</summary>
public sealed class RecoveryPanelTests : BunitContext
{
    public RecoveryPanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private void Use(InfusionDayScenario s, ClinicProtocol protocol)
    {
        Services.AddSingleton(s.App.Services.GetRequiredService<RecoveryHandler>());
        Services.AddSingleton(s.App.Services.GetRequiredService<SessionRecordQuery>());
        Services.AddSingleton(protocol);
    }

    [Fact]
    [Trait("Rule", "DC-01")]
    public async Task GivenRecoveryWithFiveMinutesLeft_WhenRendered_ThenCountdownFailedDc01PadssFormAndReadyButtonShow()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(25));
        Use(s, ClinicProtocol.Default);

        var cut = Render<RecoveryPanel>(p => p
            .Add(x => x.SessionId, id)
            .Add(x => x.Phase, SessionPhase.Recovering)
            .Add(x => x.Now, RecoveryScenario.InfusionEnd.AddMinutes(25))
            .Add(x => x.Actor, Nurse));
        cut.WaitForElement("[data-test=dc-checklist]");

        Assert.Contains("05:00 left, until 15:11 UTC", cut.Find("[data-test=observation-countdown]").TextContent, StringComparison.Ordinal);
        Assert.Equal("false", cut.Find("tr[data-rule='DC-01']").GetAttribute("data-passed"));
        Assert.Equal(6, cut.FindAll("[data-test=dc-checklist] tr").Count);
        Assert.NotEmpty(cut.FindAll("[data-test=padss-form]"));
        Assert.Empty(cut.FindAll("[data-test=aldrete-form]"));
        Assert.NotEmpty(cut.FindAll("[data-test=ready]"));
        Assert.Empty(cut.FindAll("[data-test=discharge]"));
        Assert.DoesNotContain("Physician", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DC-02")]
    public async Task GivenAnAldreteProtocolInPercent_WhenRendered_ThenTheAldreteFormAndItsVariantShow()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        var aldrete = ClinicProtocol.Default with
        {
            Discharge = DischargeProtocol.Default with { Instrument = DischargeInstrument.ModifiedAldrete, AldreteCirculation = AldreteCirculationVariant.PercentOfBaseline },
        };
        Use(s, aldrete);

        var cut = Render<RecoveryPanel>(p => p
            .Add(x => x.SessionId, id)
            .Add(x => x.Phase, SessionPhase.ReadyForDischarge)
            .Add(x => x.Now, RecoveryScenario.InfusionEnd.AddMinutes(31))
            .Add(x => x.Actor, Physician));
        cut.WaitForElement("[data-test=dc-checklist]");

        Assert.NotEmpty(cut.FindAll("[data-test=aldrete-form]"));
        Assert.Empty(cut.FindAll("[data-test=padss-form]"));
        Assert.Contains("Modified Aldrete, circulation SBP ±20 % / 20–49 % / ≥50 % of baseline, threshold ≥9, consciousness = 2 for home discharge", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-test=discharge]"));
        Assert.Contains("Physician", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DC-06")]
    public async Task GivenADischargedSession_WhenRendered_ThenTheDepartureAndTheSheetAndRecordLinksShowWithoutForms()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var id = await s.InRecoveryAsync();
        await s.PrepareAsync(id);
        s.Clock.SetUtcNow(RecoveryScenario.InfusionEnd.AddMinutes(30));
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().DischargeAsync(id, Nurse, ct: Xunit.TestContext.Current.CancellationToken));
        Use(s, ClinicProtocol.Default);

        var cut = Render<RecoveryPanel>(p => p
            .Add(x => x.SessionId, id)
            .Add(x => x.Phase, SessionPhase.Discharged)
            .Add(x => x.Now, RecoveryScenario.InfusionEnd.AddMinutes(31))
            .Add(x => x.Actor, Nurse));
        cut.WaitForElement("[data-test=departure]");

        Assert.Contains("Discharged at 15:11 UTC by nurse@test.clinic", cut.Find("[data-test=departure]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/sessions/{id}/discharge-sheet", cut.Find("[data-test=sheet-link]").GetAttribute("href"));
        Assert.Equal($"/sessions/{id}/record", cut.Find("[data-test=record-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-test=escort-form]"));
    }
}
