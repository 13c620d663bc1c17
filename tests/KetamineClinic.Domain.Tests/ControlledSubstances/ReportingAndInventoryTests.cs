using KetamineClinic.Domain.ControlledSubstances;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.ControlledSubstances.LedgerFixtures;

namespace KetamineClinic.Domain.Tests.ControlledSubstances;

public sealed class TheftLossReportingTests
{
    private readonly ClinicProtocol protocol = TestProtocol("rep-1");

    [Fact]
    [Trait("Vector", "TV-61")]
    [Trait("Rule", "DEA-04")]
    public void GivenLossDiscoveredFriday20250502_WhenSignificant_ThenNoticeMondayAndForm106June16()
    {
        var required = Assert.IsType<ReportingObligation.Required>(
            TheftLossReporting.For(LossKind.SignificantLoss, new DateOnly(2025, 5, 2), protocol));

        Assert.Equal(new DateOnly(2025, 5, 5), required.WrittenNoticeDueOn);
        Assert.Equal(DayOfWeek.Monday, required.WrittenNoticeDueOn.DayOfWeek);
        Assert.Equal(new DateOnly(2025, 6, 16), required.Form106DueOn);
        Assert.Equal(new DateOnly(2025, 5, 2), required.DiscoveredOn);
        Assert.Equal(LossKind.SignificantLoss, required.Kind);
        Assert.Equal("rep-1", required.Version.Value);
    }

    [Fact]
    [Trait("Vector", "TV-96")]
    [Trait("Rule", "DEA-04")]
    public void GivenTheftDiscoveredThursday20250703_WhenReported_ThenNoticeMondayJuly7AndForm106SundayAugust17NotMoved()
    {
        var required = Assert.IsType<ReportingObligation.Required>(
            TheftLossReporting.For(LossKind.Theft, new DateOnly(2025, 7, 3), protocol));

        Assert.Equal(new DateOnly(2025, 7, 7), required.WrittenNoticeDueOn);
        Assert.Equal(new DateOnly(2025, 8, 17), required.Form106DueOn);
        Assert.Equal(DayOfWeek.Sunday, required.Form106DueOn.DayOfWeek);
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenLossNotSignificant_WhenClassified_ThenNoReportRequired()
    {
        var result = TheftLossReporting.For(LossKind.LossNotSignificant, new DateOnly(2025, 7, 3), protocol);

        var notRequired = Assert.IsType<ReportingObligation.NotRequired>(result);
        Assert.Equal(LossKind.LossNotSignificant, notRequired.Kind);
        Assert.Equal("rep-1", notRequired.Version.Value);
    }

    [Fact]
    public void GivenUnknownLossKind_WhenClassified_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TheftLossReporting.For((LossKind)9, new DateOnly(2025, 7, 3), protocol));

    [Fact]
    [Trait("Vector", "TV-61")]
    [Trait("Rule", "DEA-04")]
    public void GivenDiscoveryLateEveningLocalButNextDayUtc_WhenDeadlinesComputed_ThenLocalDateDecides()
    {
        var utcMinus5 = TimeZoneInfo.CreateCustomTimeZone("Synthetic-5", TimeSpan.FromHours(-5), "Synthetic-5", "Synthetic-5");
        var discoveredAt = new DateTimeOffset(2025, 5, 3, 2, 30, 0, TimeSpan.Zero); // Fri 2 May 21:30 local

        var required = Assert.IsType<ReportingObligation.Required>(TheftLossReporting.For(LossKind.Theft, discoveredAt, utcMinus5, protocol));

        Assert.Equal(new DateOnly(2025, 5, 2), required.DiscoveredOn);
        Assert.Equal(new DateOnly(2025, 5, 5), required.WrittenNoticeDueOn);
        Assert.Equal(new DateOnly(2025, 6, 16), required.Form106DueOn);
        Assert.Equal(new DateOnly(2025, 5, 3), TheftLossReporting.LocalDate(discoveredAt, TimeZoneInfo.Utc));
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenRequiredReport_WhenDashboardChecksDates_ThenOverdueFlagsFlipTheDayAfterEachDueDate()
    {
        var required = (ReportingObligation.Required)TheftLossReporting.For(LossKind.Theft, new DateOnly(2025, 7, 3), protocol);

        Assert.Equal(new ReportingStatus(false, false, 45), required.StatusOn(new DateOnly(2025, 7, 3)));
        Assert.Equal(new ReportingStatus(false, false, 41), required.StatusOn(new DateOnly(2025, 7, 7)));
        Assert.Equal(new ReportingStatus(true, false, 40), required.StatusOn(new DateOnly(2025, 7, 8)));
        Assert.Equal(new ReportingStatus(true, false, 0), required.StatusOn(new DateOnly(2025, 8, 17)));
        Assert.Equal(new ReportingStatus(true, true, -1), required.StatusOn(new DateOnly(2025, 8, 18)));
    }

    [Fact]
    [Trait("Rule", "DEA-04")]
    public void GivenDueDateHelpers_WhenCalled_ThenMatchTheObligation()
    {
        Assert.Equal(45, TheftLossReporting.Form106CalendarDays);
        Assert.Equal(new DateOnly(2025, 7, 7), TheftLossReporting.WrittenNoticeDueOn(new DateOnly(2025, 7, 3)));
        Assert.Equal(new DateOnly(2026, 2, 14), TheftLossReporting.Form106DueOn(new DateOnly(2025, 12, 31)));
        Assert.Throws<ArgumentNullException>(() => TheftLossReporting.LocalDate(DateTimeOffset.UnixEpoch, null!));
    }
}

public sealed class BiennialInventoryTests
{
    private readonly ClinicProtocol protocol = TestProtocol("inv-1");

    [Fact]
    [Trait("Vector", "TV-97")]
    [Trait("Rule", "DEA-05")]
    public void GivenLastInventoryOn29February2024_WhenNextDue_Then28February2026WithReminderFrom30December2025()
    {
        var status = BiennialInventory.Evaluate(new DateOnly(2024, 2, 29), new DateOnly(2025, 12, 30), protocol);

        Assert.Equal(new DateOnly(2026, 2, 28), status.DueOn);
        Assert.Equal(new DateOnly(2025, 12, 30), status.ReminderFrom);
        Assert.Equal(BiennialInventoryState.ReminderActive, status.State);
        Assert.Equal(new DateOnly(2024, 2, 29), status.LastInventoryOn);
        Assert.Equal("inv-1", status.Version.Value);
        Assert.Equal("DEA-05", BiennialInventoryStatus.Rule.Value);
    }

    [Theory]
    [Trait("Vector", "TV-97")]
    [Trait("Rule", "DEA-05")]
    [InlineData(2024, 3, 1, BiennialInventoryState.NotYetDue)]
    [InlineData(2025, 12, 29, BiennialInventoryState.NotYetDue)]
    [InlineData(2025, 12, 30, BiennialInventoryState.ReminderActive)]
    [InlineData(2026, 2, 28, BiennialInventoryState.ReminderActive)]
    [InlineData(2026, 3, 1, BiennialInventoryState.Overdue)]
    public void GivenLastInventoryOn29February2024_WhenEvaluatedOnDates_ThenStateChangesAtEachBoundary(int y, int m, int d, BiennialInventoryState expected) =>
        Assert.Equal(expected, BiennialInventory.Evaluate(new DateOnly(2024, 2, 29), new DateOnly(y, m, d), protocol).State);

    [Fact]
    [Trait("Rule", "DEA-05")]
    public void GivenOrdinaryDate_WhenNextDue_ThenSameDayTwoYearsLater() =>
        Assert.Equal(new DateOnly(2027, 3, 15), BiennialInventory.DueOn(new DateOnly(2025, 3, 15)));

    [Fact]
    [Trait("Rule", "DEA-05")]
    public void GivenProtocolReminderOf30Days_WhenEvaluated_ThenReminderStarts30DaysBefore()
    {
        var custom = protocol with { ControlledSubstances = ControlledSubstancesProtocol.Default with { BiennialInventoryReminderDays = 30 } };

        var status = BiennialInventory.Evaluate(new DateOnly(2025, 3, 15), new DateOnly(2027, 2, 12), custom);

        Assert.Equal(new DateOnly(2027, 2, 13), status.ReminderFrom);
        Assert.Equal(BiennialInventoryState.NotYetDue, status.State);
    }

    [Fact]
    [Trait("Rule", "DEA-05")]
    public void GivenZeroInitialInventory_WhenRecorded_ThenAllowedAndStartsTheTwoYearClock()
    {
        var initial = new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 6), InventoryTiming.OpeningOfBusiness, Pharmacist, []);

        var status = BiennialInventory.Evaluate([initial], new DateOnly(2025, 6, 1), protocol);

        Assert.True(initial.IsZeroInventory);
        Assert.Empty(initial.Lines);
        Assert.Equal(new DateOnly(2027, 1, 6), status!.DueOn);
        Assert.Equal(BiennialInventoryState.NotYetDue, status.State);
    }

    [Fact]
    [Trait("Rule", "DEA-05")]
    public void GivenSeveralInventories_WhenEvaluated_ThenTheMostRecentCounts()
    {
        var line = new InventoryLine(Ketamine100, "ketamine hydrochloride injection (synthetic)", "solution, vial",
            VialConcentration.FromMilligramsPerMillilitre(100m), Ml(5m), 4, estimated: true);
        InventoryRecord[] records =
        [
            new(InventoryKind.Initial, new DateOnly(2023, 1, 9), InventoryTiming.OpeningOfBusiness, Pharmacist, []),
            new(InventoryKind.Biennial, new DateOnly(2024, 12, 20), InventoryTiming.CloseOfBusiness, Pharmacist, [line]),
        ];

        var status = BiennialInventory.Evaluate(records, new DateOnly(2025, 1, 1), protocol);

        Assert.Equal(new DateOnly(2026, 12, 20), status!.DueOn);
        Assert.False(records[1].IsZeroInventory);
        Assert.Null(BiennialInventory.Evaluate([], new DateOnly(2025, 1, 1), protocol));
    }

    [Fact]
    public void GivenEvaluationDateBeforeTheLastInventory_WhenEvaluated_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BiennialInventory.Evaluate(new DateOnly(2025, 3, 15), new DateOnly(2025, 3, 14), protocol));

        Assert.StartsWith("The evaluation date cannot precede the last inventory.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(BiennialInventoryState.NotYetDue, BiennialInventory.Evaluate(new DateOnly(2025, 3, 15), new DateOnly(2025, 3, 15), protocol).State);
    }

    [Fact]
    public void GivenInvalidInventoryInput_WhenCreated_ThenRejected()
    {
        var strength = VialConcentration.FromMilligramsPerMillilitre(100m);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InventoryLine(Ketamine100, "k", "vial", strength, Ml(5m), -1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InventoryLine(Ketamine100, "k", "vial", strength, Ml(0m), 1, false));
        Assert.Throws<ArgumentException>(() => new InventoryLine(Ketamine100, " ", "vial", strength, Ml(5m), 1, false));
        Assert.Throws<ArgumentException>(() => new InventoryLine(default, "k", "vial", strength, Ml(5m), 1, false));
        Assert.Equal(0, new InventoryLine(Ketamine100, "k", "vial", strength, Ml(5m), 0, false).Containers);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InventoryRecord((InventoryKind)5, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, Pharmacist, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), (InventoryTiming)5, Pharmacist, []));
        Assert.Throws<ArgumentException>(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, default, []));
        Assert.Throws<ArgumentException>(() => new InventoryRecord(InventoryKind.Initial, new DateOnly(2025, 1, 1), InventoryTiming.CloseOfBusiness, Pharmacist, [null!]));
    }
}

public sealed class RecordRetentionTests
{
    [Theory]
    [Trait("Rule", "DEA-06")]
    [InlineData(2027, 3, 1, false)]
    [InlineData(2027, 3, 2, true)]
    [InlineData(2026, 3, 2, false)]
    public void GivenDefaultSevenYears_WhenAskedWhetherARecordMayBePurged_ThenOnlyAfterTheSeventhAnniversary(int y, int m, int d, bool expected)
    {
        var decision = RecordRetention.Evaluate(new DateOnly(2020, 3, 1), new DateOnly(y, m, d), onHold: false, TestProtocol("ret-1"));

        Assert.Equal(expected, decision.MayPurge);
        Assert.Equal(new DateOnly(2027, 3, 2), decision.EarliestPurgeOn);
        Assert.Equal("ret-1", decision.Version.Value);
        Assert.Equal("DEA-06", RetentionDecision.Rule.Value);
        Assert.Equal(expected ? "Retained for the full 7 years." : "Must be retained 7 years, until 2027-03-02.", decision.Reason);
    }

    [Fact]
    [Trait("Rule", "DEA-06")]
    public void GivenTwoYearMinimumAnd29FebruaryRecord_WhenEarliestPurgeComputed_ThenNeverBeforeMarch2()
    {
        var twoYears = ClinicProtocol.Default with { ControlledSubstances = ControlledSubstancesProtocol.Default with { RetentionYears = 2 } };

        var decision = RecordRetention.Evaluate(new DateOnly(2024, 2, 29), new DateOnly(2026, 3, 1), onHold: false, twoYears);

        Assert.Equal(new DateOnly(2026, 3, 2), decision.EarliestPurgeOn);
        Assert.False(decision.MayPurge);
        Assert.Equal(new DateOnly(2028, 3, 1), RecordRetention.EarliestPurgeOn(new DateOnly(2024, 2, 29), 4));
        Assert.Equal(new DateOnly(2026, 2, 28), RecordRetention.EarliestPurgeOn(new DateOnly(2024, 2, 27), 2));
        Assert.Equal(new DateOnly(2026, 3, 1), RecordRetention.EarliestPurgeOn(new DateOnly(2024, 2, 28), 2));
        Assert.Equal(new DateOnly(2026, 3, 30), RecordRetention.EarliestPurgeOn(new DateOnly(2024, 3, 29), 2));
    }

    [Fact]
    [Trait("Rule", "DEA-06")]
    public void GivenRecordOnHold_WhenLongPastRetention_ThenStillMayNotBePurged()
    {
        var decision = RecordRetention.Evaluate(new DateOnly(2000, 1, 1), new DateOnly(2025, 1, 1), onHold: true, ClinicProtocol.Default);

        Assert.False(decision.MayPurge);
        Assert.Contains("on hold", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "DEA-06")]
    public void GivenRetentionBelowTheFederalMinimum_WhenConfigured_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ControlledSubstancesProtocol.Default with { RetentionYears = 1 });
        Assert.Contains("21 CFR 1304.04(a) minimum is 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlledSubstancesProtocol.Default with { RetentionYears = 101 });
        Assert.Equal(100, (ControlledSubstancesProtocol.Default with { RetentionYears = 100 }).RetentionYears);
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordRetention.EarliestPurgeOn(new DateOnly(2024, 1, 1), 1));
    }

    [Fact]
    public void GivenDefaults_WhenRead_ThenSpecValues()
    {
        var p = ClinicProtocol.Default.ControlledSubstances;

        Assert.True(p.WasteWitnessRequired);
        Assert.Equal(7, p.RetentionYears);
        Assert.Equal(60, p.BiennialInventoryReminderDays);
        Assert.Equal(2, ControlledSubstancesProtocol.MinimumRetentionYears);
        Assert.Throws<ArgumentOutOfRangeException>(() => p with { BiennialInventoryReminderDays = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => p with { BiennialInventoryReminderDays = 366 });
        Assert.Equal(365, (p with { BiennialInventoryReminderDays = 365 }).BiennialInventoryReminderDays);
        Assert.Equal(1, (p with { BiennialInventoryReminderDays = 1 }).BiennialInventoryReminderDays);
    }
}
