using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

public sealed class AlarmEscalationTests
{
    private static readonly ClinicProtocol Protocol = ClinicProtocol.Default;

    [Theory]
    [InlineData(AlarmSeverity.Critical, 2)]
    [InlineData(AlarmSeverity.Alert, 5)]
    [InlineData(AlarmSeverity.Warn, 10)]
    public void GivenSeverity_WhenAskedForEscalationMinutes_ThenTheProtocolDefault(AlarmSeverity severity, int minutes) =>
        Assert.Equal(minutes, AlarmEscalation.EscalationMinutes(severity, Protocol));

    [Theory]
    [InlineData(1, 59, EscalationState.AwaitingAcknowledgement)]
    [InlineData(2, 0, EscalationState.Escalated)]
    public void GivenUnacknowledgedCriticalAlarm_WhenTwoMinutesPass_ThenEscalated(int minutes, int seconds, EscalationState expected)
    {
        var status = AlarmEscalation.Evaluate(AlarmSeverity.Critical, At(20), null, At(20 + minutes, seconds), Protocol);

        Assert.Equal(expected, status.State);
        Assert.Equal(At(22), status.EscalatesAt);
    }

    [Theory]
    [InlineData(5, 0, EscalationState.Acknowledged)]
    [InlineData(5, 1, EscalationState.AcknowledgedAfterEscalation)]
    public void GivenAlertAcknowledgedAroundFiveMinutes_WhenEvaluated_ThenInTimeOnlyUpToTheEscalationInstant(int minutes, int seconds, EscalationState expected) =>
        Assert.Equal(expected, AlarmEscalation.Evaluate(AlarmSeverity.Alert, At(20), At(20 + minutes, seconds), At(40), Protocol).State);

    [Fact]
    public void GivenWarnAlarm_WhenNineMinutesUnacknowledged_ThenStillAwaiting()
    {
        var alarm = new VitalSignAlarm(
            VitalsPolicy.VsBp01,
            VitalSignFamily.BloodPressure,
            AlarmSeverity.Warn,
            [],
            At(20),
            At(17),
            AlarmConfirmation.Confirmed,
            [],
            ObservationInterpretation.High,
            "m",
            Protocol.Version);

        Assert.Equal(EscalationState.AwaitingAcknowledgement, AlarmEscalation.Evaluate(alarm, null, At(29), Protocol).State);
        Assert.Equal(EscalationState.Escalated, AlarmEscalation.Evaluate(alarm, null, At(30), Protocol).State);
        Assert.Equal(At(30), AlarmEscalation.Evaluate(alarm, null, At(30), Protocol).EscalatesAt);
    }

    [Fact]
    public void GivenClinicEscalationMinutes_WhenConfigured_ThenUsed()
    {
        var protocol = ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { EscalateCriticalAfterMinutes = 1, EscalateAlertAfterMinutes = 3, EscalateWarnAfterMinutes = 7 } };

        Assert.Equal(1, AlarmEscalation.EscalationMinutes(AlarmSeverity.Critical, protocol));
        Assert.Equal(3, AlarmEscalation.EscalationMinutes(AlarmSeverity.Alert, protocol));
        Assert.Equal(7, AlarmEscalation.EscalationMinutes(AlarmSeverity.Warn, protocol));
    }

    [Fact]
    public void GivenInstantsOutOfOrder_WhenEvaluated_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => AlarmEscalation.Evaluate(AlarmSeverity.Alert, At(20), null, At(19), Protocol));
        Assert.Throws<ArgumentException>(() => AlarmEscalation.Evaluate(AlarmSeverity.Alert, At(20), At(19), At(25), Protocol));
        Assert.Throws<ArgumentException>(() => AlarmEscalation.Evaluate(AlarmSeverity.Alert, At(20), At(26), At(25), Protocol));
    }
}
