using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hl7;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Tests.Infusions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.DeviceFeed;

/// <summary>The HL7 v2 listener on a real ephemeral TCP port, into the real pipeline (docs/hl7v2.md "AA, AE, AR").</summary>
public sealed class MllpListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The scenario with monitor i known as HL7 sender MONi, and an unbound gateway GW at the site.</summary>
    private static async Task<(InfusionDayScenario S, int Port)> StartAsync(DatabaseProvider provider, int chairs = 2)
    {
        var s = await InfusionDayScenario.StartAsync(provider, chairs);
        var registry = s.App.Services.GetRequiredService<DeviceRegistry>();
        for (var i = 0; i < chairs; i++)
        {
            Assert.IsType<DeviceCommandResult.Done>(await registry.SetHl7SenderAsync(s.Clinic.DeviceIds[i], $"MON{i + 1}", null, Nurse, Ct));
        }

        Assert.IsType<DeviceCommandResult.Registered>(await registry.RegisterAsync("Gateway", DeviceKind.Gateway, s.Clinic.SiteId, null, "GW", "CLINIC", Nurse, Ct));
        var port = (await s.App.Services.GetRequiredService<MllpEndpoint>().WhenBound.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Port;
        return (s, port);
    }

    private static string Oru(string sender, string controlId, int sbp, int dbp, int hr, string? bed = null, DateTimeOffset? at = null, string facility = "") =>
        OruR01Builder.Build(new OruR01Message(sender, facility, controlId, at ?? T0, [
            new OruObservation(VitalSignKind.Systolic, sbp, at ?? T0),
            new OruObservation(VitalSignKind.Diastolic, dbp, at ?? T0),
            new OruObservation(VitalSignKind.HeartRate, hr, at ?? T0),
        ])
        { Bed = bed });

    private static async Task<List<VitalReading>> ReadingsAsync(InfusionDayScenario s)
    {
        await using var db = s.Db();
        return await db.Set<VitalReading>().AsNoTracking().OrderBy(r => r.TakenAt).ToListAsync(Ct);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAMonitorMessage_WhenCommitted_ThenAaAndTheReadingIsStoredFromMllp(DatabaseProvider provider)
    {
        var (s, port) = await StartAsync(provider);
        await using var _ = s;
        var session = await s.StartInfusionAsync();
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);

        var ack = await client.SendAsync(Oru("MON1", "MSG-1", 128, 84, 72), Ct);

        Assert.Equal("AA", MllpTestClient.AckCode(ack));
        Assert.Contains("MSA|AA|MSG-1", ack, StringComparison.Ordinal);
        Assert.Contains("|MON1|", ack, StringComparison.Ordinal); // receiver of the ACK = the sender
        var reading = Assert.Single(await ReadingsAsync(s));
        Assert.Equal(session, reading.SessionId);
        Assert.Equal(VitalsSourceKind.Mllp, reading.Source);
        Assert.Equal(s.Clinic.DeviceIds[0], reading.DeviceId);
        Assert.Equal((128, 84, 72), (reading.SystolicMmHg, reading.DiastolicMmHg, reading.HeartRatePerMin));
        Assert.Equal("MON1^^|^^|MSG-1", reading.IdempotencyKey);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTheSameMsh10Resent_WhenReceived_ThenAaAgainAndNoSecondRow(DatabaseProvider provider)
    {
        var (s, port) = await StartAsync(provider);
        await using var _ = s;
        await s.StartInfusionAsync();
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);
        var message = Oru("MON1", "MSG-7", 130, 85, 70);

        Assert.Equal("AA", MllpTestClient.AckCode(await client.SendAsync(message, Ct)));
        await using var other = await MllpTestClient.ConnectAsync(port, Ct);
        Assert.Equal("AA", MllpTestClient.AckCode(await other.SendAsync(message, Ct)));

        Assert.Single(await ReadingsAsync(s));
    }

    [Theory]
    [InlineData("this is not HL7", "100")]
    [InlineData("MSH|^~\\&|MON1||KC||20261127140000+0000||ADT^A01|X-1|P|2.5\rPID|1", "200")]
    [InlineData("MSH|^~\\&|MON1||KC||20261127140000+0000||ORU^R01|X-2|P|2.1\rOBR|1", "203")]
    public async Task GivenAMalformedOrForeignMessage_WhenReceived_ThenArAndNothingStored(string message, string errorCode)
    {
        var (s, port) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = s;
        await s.StartInfusionAsync();
        var before = await s.ReadingCountAsync();
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);

        var ack = await client.SendAsync(message, Ct);

        Assert.Equal("AR", MllpTestClient.AckCode(ack));
        // 2.5 writes ERR-3 (|code^text^HL70357); 2.1/2.3/2.4 the old ERR-1 (segment^seq^field^code&text&HL70357).
        Assert.Contains(MllpTestClient.Errors(ack), e => e.Contains($"|{errorCode}^", StringComparison.Ordinal) || e.Contains($"^{errorCode}&", StringComparison.Ordinal));
        Assert.Equal(before, await s.ReadingCountAsync());
        // The connection stays usable after a rejected message.
        Assert.Equal("AA", MllpTestClient.AckCode(await client.SendAsync(Oru("MON1", "after", 120, 80, 70), Ct)));
        Assert.Equal(before + 1, await s.ReadingCountAsync());
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnImpossibleValueOrABadTime_WhenReceived_ThenAeWithErrAndNothingStored(DatabaseProvider provider)
    {
        var (s, port) = await StartAsync(provider);
        await using var _ = s;
        await s.StartInfusionAsync();
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);

        // Heart rate 400 /min: the domain's range check refuses the whole message.
        var impossible = await client.SendAsync(Oru("MON1", "BAD-1", 120, 80, 400), Ct);
        // Content error found by the reader (a value that is not a number).
        var notANumber = await client.SendAsync(Oru("MON1", "BAD-2", 120, 80, 70).Replace("|70|/min", "|abc|/min", StringComparison.Ordinal), Ct);

        Assert.Equal("AE", MllpTestClient.AckCode(impossible));
        Assert.Contains(MllpTestClient.Errors(impossible), e => e.Contains("|102^", StringComparison.Ordinal) && e.Contains("400", StringComparison.Ordinal));
        Assert.Equal("AE", MllpTestClient.AckCode(notANumber));
        Assert.Contains(MllpTestClient.Errors(notANumber), e => e.Contains("OBX^3^5", StringComparison.Ordinal));
        Assert.Equal(0, await s.ReadingCountAsync());
    }

    [Fact]
    public async Task GivenAGatewayNamingTheBed_WhenTheChairIsKnown_ThenStoredOnThatChairElseAr204()
    {
        var (s, port) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = s;
        var session = await s.StartInfusionAsync(chair: 1);
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);

        var known = await client.SendAsync(Oru("GW", "G-1", 125, 82, 75, bed: "CHAIR-2", facility: "CLINIC"), Ct);
        var unknownChair = await client.SendAsync(Oru("GW", "G-2", 125, 82, 75, bed: "CHAIR-9", facility: "CLINIC"), Ct);
        var noBed = await client.SendAsync(Oru("GW", "G-3", 125, 82, 75, facility: "CLINIC"), Ct);
        var unknownSender = await client.SendAsync(Oru("NOBODY", "G-4", 125, 82, 75, bed: "CHAIR-2"), Ct);
        var wrongBedForBoundMonitor = await client.SendAsync(Oru("MON2", "G-5", 125, 82, 75, bed: "CHAIR-1"), Ct);
        var emptyChair = await client.SendAsync(Oru("MON1", "G-6", 125, 82, 75), Ct);

        Assert.Equal("AA", MllpTestClient.AckCode(known));
        Assert.Equal(session, Assert.Single(await ReadingsAsync(s)).SessionId);
        foreach (var ack in new[] { unknownChair, noBed, unknownSender, wrongBedForBoundMonitor, emptyChair })
        {
            Assert.Equal("AR", MllpTestClient.AckCode(ack));
            Assert.Contains(MllpTestClient.Errors(ack), e => e.Contains("|204^Unknown key identifier^HL70357|E", StringComparison.Ordinal));
        }

        Assert.Contains("CHAIR-9", unknownChair, StringComparison.Ordinal);
        Assert.Contains("No patient is checked in", emptyChair, StringComparison.Ordinal);
        Assert.Single(await ReadingsAsync(s));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenTwoConnectionsSendingAtOnce_ThenEveryMessageIsAcknowledgedInOrderAndStoredOnce(DatabaseProvider provider)
    {
        var (s, port) = await StartAsync(provider);
        await using var _ = s;
        await s.StartInfusionAsync(0);
        await s.StartInfusionAsync(1);
        const int perConnection = 10;

        async Task<List<string>> SendAllAsync(int chair)
        {
            await using var client = await MllpTestClient.ConnectAsync(port, Ct);
            var acks = new List<string>();
            for (var i = 0; i < perConnection; i++)
            {
                acks.Add(await client.SendAsync(Oru($"MON{chair + 1}", $"C{chair}-{i}", 120 + i, 80, 70, at: T0.AddSeconds(i * 5)), Ct));
            }

            return acks;
        }

        var results = await Task.WhenAll(SendAllAsync(0), SendAllAsync(1));

        for (var chair = 0; chair < 2; chair++)
        {
            Assert.Equal(
                Enumerable.Range(0, perConnection).Select(i => $"MSA|AA|C{chair}-{i}"),
                results[chair].Select(a => a.Split('\r').First(x => x.StartsWith("MSA|", StringComparison.Ordinal))));
        }

        var readings = await ReadingsAsync(s);
        Assert.Equal(2 * perConnection, readings.Count);
        Assert.Equal(perConnection, readings.Count(r => r.DeviceId == s.Clinic.DeviceIds[1]));
    }

    [Fact]
    public async Task GivenSeveralMessagesInOneWrite_ThenEachGetsItsAckInOrder()
    {
        var (s, port) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = s;
        await s.StartInfusionAsync();
        await using var client = await MllpTestClient.ConnectAsync(port, Ct);
        var bytes = Enumerable.Range(0, 3)
            .SelectMany(i => MllpFramer.Encode(System.Text.Encoding.ASCII.GetBytes(Oru("MON1", $"B-{i}", 120, 80, 70 + i, at: T0.AddSeconds(i)))))
            .ToArray();

        await client.SendRawAsync(bytes, Ct);

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"MSA|AA|B-{i}", await client.ReadAckAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(3, await s.ReadingCountAsync());
    }

    [Fact]
    public void GivenBedLabelsWrittenDifferently_ThenTheyNormaliseToTheSameChair()
    {
        Assert.Equal("CHAIR2", MllpMessageHandler.Normalize("Chair 2"));
        Assert.Equal("CHAIR2", MllpMessageHandler.Normalize("CHAIR-2"));
        Assert.Equal("CHAIR2", MllpMessageHandler.Normalize("chair_2"));
        Assert.NotEqual(MllpMessageHandler.Normalize("Chair 12"), MllpMessageHandler.Normalize("Chair 2"));
    }
}
