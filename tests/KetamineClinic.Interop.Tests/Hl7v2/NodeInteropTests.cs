using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

/// <summary>
/// Interop against an independent implementation: simple-hl7 (npm) builds an ORU^R01 that our reader must read
/// field by field, and parses the ACKs our builder writes. Needs <c>node</c> and <c>npm ci</c> in
/// tests/KetamineClinic.Interop.Tests/Hl7v2/node (test.sh does it); skipped with a message otherwise.
/// </summary>
public sealed class NodeInteropTests
{
    private static readonly DateTimeOffset AckTime = new(2026, 11, 27, 19, 30, 6, TimeSpan.Zero);

    [Fact]
    public async Task GivenAnOruBuiltBySimpleHl7_ThenOurReaderReadsEveryField()
    {
        var text = await RunNode("build-oru", stdin: null);

        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Encoding.UTF8.GetBytes(text)));

        Assert.Empty(accepted.Warnings);
        var header = accepted.MessageHeader;
        Assert.Equal(new Hl7HierarchicDesignator("NODE_MONITOR", "00AABBCCDDEEFF00", "EUI-64"), header.SendingApplication);
        Assert.Equal("NODE_FACILITY", header.SendingFacility.NamespaceId);
        Assert.Equal("KETAMINE_CLINIC", header.ReceivingApplication.NamespaceId);
        Assert.Equal("CLINIC_A", header.ReceivingFacility.NamespaceId);
        Assert.Equal(("ORU", "R01", "ORU_R01"), (header.MessageType, header.TriggerEvent, header.MessageStructure));
        Assert.Equal(("NODE-0001", "P", "2.5"), (header.ControlId, header.ProcessingId, header.VersionId));

        var batch = accepted.Batch;
        Assert.Equal("NODE-0001", batch.MessageControlId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 5, TimeSpan.Zero), batch.MessageTime);
        Assert.Equal([new Hl7PatientIdentifier("TEST-0009", "CLINIC_A", "MR")], batch.PatientIdentifiers);
        Assert.Equal(new DeviceLocation("INFUSION", "3", "CHAIR-3", "CLINIC_A"), batch.Location);
        DateTimeOffset At(int h, int m) => new(2026, 11, 27, h, m, 0, TimeSpan.Zero);
        Assert.Equal(
            [
                (VitalSignKind.Systolic, 124m, "mm[Hg]", At(14, 20), ObservationTimeSource.Observation, ObservationResultStatus.Final, "LN", "85354-9", "", "", new Hl7Location("OBX", 7)),
                (VitalSignKind.Diastolic, 79m, "mm[Hg]", At(14, 20), ObservationTimeSource.Observation, ObservationResultStatus.Final, "LN", "85354-9", "", "", new Hl7Location("OBX", 7)),
                (VitalSignKind.Temperature, 36.9m, "Cel", At(14, 25), ObservationTimeSource.Observation, ObservationResultStatus.Final, "LN", "8310-5", "", "", new Hl7Location("OBX", 6)),
                (VitalSignKind.Systolic, 131m, "mm[Hg]", At(14, 29), ObservationTimeSource.Observation, ObservationResultStatus.Unverified, "MDC", "150021", "1.1.1.1", "NODE-DEV-1", new Hl7Location("OBX", 1)),
                (VitalSignKind.Diastolic, 86m, "mm[Hg]", At(14, 29), ObservationTimeSource.Observation, ObservationResultStatus.Unverified, "MDC", "150022", "1.1.1.2", "NODE-DEV-1", new Hl7Location("OBX", 2)),
                (VitalSignKind.HeartRate, 77m, "/min", At(14, 30), ObservationTimeSource.Observation, ObservationResultStatus.Unverified, "MDC", "147842", "1.2.1.1", "NODE-DEV-1", new Hl7Location("OBX", 3)),
                (VitalSignKind.Spo2, 96m, "%", At(14, 30), ObservationTimeSource.Observation, ObservationResultStatus.Final, "LN", "59408-5", "", "", new Hl7Location("OBX", 4)),
                (VitalSignKind.RespiratoryRate, 15m, "/min", At(14, 30), ObservationTimeSource.Request, ObservationResultStatus.Final, "LN", "9279-1", "", "", new Hl7Location("OBX", 5)),
            ],
            batch.Observations.Select(o => (o.Kind, o.Value, o.Unit, o.ObservedAt, o.ObservedAtSource, o.Status, o.CodingSystem, o.Code, o.SubId, o.EquipmentInstanceId, o.Source)));
        Assert.Equal("^124^/^79", batch.Observations[0].RawValue);
    }

    [Fact]
    public async Task GivenOurAaForTheNodeMessage_ThenSimpleHl7ParsesItBack()
    {
        var outcome = OruR01Reader.Read(Encoding.UTF8.GetBytes(await RunNode("build-oru", stdin: null)));
        var ack = Hl7Ack.BuildFor(outcome, "ACK-NODE-1", AckTime);

        var parsed = await ParseAckWithNode(ack);

        Assert.Equal("KETAMINE_CLINIC", parsed.GetProperty("sendingApplication").GetString());
        Assert.Equal("CLINIC_A", parsed.GetProperty("sendingFacility").GetString());
        Assert.Equal("NODE_MONITOR^00AABBCCDDEEFF00^EUI-64", parsed.GetProperty("receivingApplication").GetString());
        Assert.Equal("NODE_FACILITY", parsed.GetProperty("receivingFacility").GetString());
        Assert.Equal("20261127193006+0000", parsed.GetProperty("messageTime").GetString());
        Assert.Equal("ACK^R01^ACK", parsed.GetProperty("messageType").GetString());
        Assert.Equal("ACK-NODE-1", parsed.GetProperty("controlId").GetString());
        Assert.Equal("P", parsed.GetProperty("processingId").GetString());
        Assert.Equal("2.5", parsed.GetProperty("versionId").GetString());
        Assert.Equal(["MSH", "MSA"], parsed.GetProperty("segments").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["AA", "NODE-0001"], parsed.GetProperty("msa").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0, parsed.GetProperty("err").GetArrayLength());
    }

    [Fact]
    public async Task GivenOurAeWithDelimitersInItsText_ThenSimpleHl7SeesTheSameFieldsAndTheEscapedTextRoundTrips()
    {
        var broken = (await RunNode("build-oru", stdin: null)).Replace("|36.9|Cel^Cel^UCUM|", "|36.9|kg^kg^UCUM|", StringComparison.Ordinal);
        var outcome = Assert.IsType<DeviceMessageOutcome.Invalid>(OruR01Reader.Read(broken));
        var issues = outcome.Issues.Append(Hl7Error.Error(Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 2, 5), "a|b^c~d\\e&f"));
        var ack = Hl7Ack.Build(outcome.Header, AckCode.AE, [.. issues], "ACK-NODE-2", AckTime);

        var parsed = await ParseAckWithNode(ack);

        Assert.Equal(["AE", "NODE-0001"], parsed.GetProperty("msa").EnumerateArray().Select(s => s.GetString()));
        var errs = parsed.GetProperty("err").EnumerateArray().ToList();
        Assert.Equal(2, errs.Count);
        Assert.Equal("OBX^6^6^1", errs[0].GetProperty("location").GetString());
        Assert.Equal("103", errs[0].GetProperty("code").GetString());
        Assert.Equal("Table value not found", errs[0].GetProperty("text").GetString());
        Assert.Equal("HL70357", errs[0].GetProperty("table").GetString());
        Assert.Equal("E", errs[0].GetProperty("severity").GetString());
        Assert.Equal("Unit 'kg' is not valid for Temperature: send Cel.", errs[0].GetProperty("userMessage").GetString());
        Assert.Equal("OBX^2^5^1", errs[1].GetProperty("location").GetString());
        var escaped = errs[1].GetProperty("userMessage").GetString()!;
        Assert.Equal(@"a\F\b\S\c\R\d\E\e\T\f", escaped);
        Assert.Equal("a|b^c~d\\e&f", Hl7Delimiters.Standard.UnescapeText(escaped, Hl7Charset.Default));
    }

    [Fact]
    public async Task GivenOurMinimalAr_ThenSimpleHl7ParsesIt()
    {
        var ack = Hl7Ack.BuildFor(OruR01Reader.Read("garbage"), "ACK-NODE-3", AckTime);

        var parsed = await ParseAckWithNode(ack);

        Assert.Equal("KETAMINE_CLINIC", parsed.GetProperty("sendingApplication").GetString());
        Assert.Equal("ACK", parsed.GetProperty("messageType").GetString());
        Assert.Equal("AR", parsed.GetProperty("msa")[0].GetString());
        Assert.Equal("100", parsed.GetProperty("err")[0].GetProperty("code").GetString());
    }

    private static async Task<JsonElement> ParseAckWithNode(string ack)
    {
        var json = await RunNode("parse-ack", ack);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task<string> RunNode(string mode, string? stdin)
    {
        var directory = NodeDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "simple-hl7")))
        {
            Assert.Skip($"simple-hl7 is not installed: run `npm ci` in {directory} (test.sh does it).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add("interop.js");
        start.ArgumentList.Add(mode);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            Assert.Skip($"node is not on PATH ({e.Message}); the simple-hl7 interop tests need Node 20+.");
            throw;
        }

        using (process)
        {
            Assert.NotNull(process);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(stdin ?? string.Empty);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"node interop.js {mode} exited {process.ExitCode}: {await errors}");
            return await output;
        }
    }

    private static string NodeDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KetamineClinic.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "KetamineClinic.Interop.Tests", "Hl7v2", "node");
    }
}
