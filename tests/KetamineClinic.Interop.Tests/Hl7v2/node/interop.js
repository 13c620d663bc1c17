// Independent HL7 v2 peer for KetamineClinic.Interop.Tests (NodeInteropTests).
// Uses simple-hl7's own message builder and parser, never our C# code.
//   node interop.js build-oru   -> prints a synthetic ORU^R01 (segments end with CR) on stdout
//   node interop.js parse-ack   -> reads an ACK on stdin, prints what simple-hl7 parsed as JSON
//   node interop.js send-oru <port> <sender> <controlId> <time> <sbp> <dbp> <hr> <spo2>
//                               -> sends one ORU^R01 over MLLP with simple-hl7's TCP client to 127.0.0.1:<port>
//                                  and prints the ACK it parsed as JSON (KetamineClinic.EndToEnd's whole-session test)
'use strict';

const hl7 = require('simple-hl7');

function buildOru() {
  // Message(...) takes MSH-3 onwards; an array is one field made of components.
  const msg = new hl7.Message(
    ['NODE_MONITOR', '00AABBCCDDEEFF00', 'EUI-64'], // MSH-3
    'NODE_FACILITY', // MSH-4
    'KETAMINE_CLINIC', // MSH-5
    'CLINIC_A', // MSH-6
    '20261127143005+0000', // MSH-7
    '', // MSH-8
    ['ORU', 'R01', 'ORU_R01'], // MSH-9
    'NODE-0001', // MSH-10
    'P', // MSH-11
    '2.5' // MSH-12
  );
  msg.addSegment('PID', '1', '', ['TEST-0009', '', '', 'CLINIC_A', 'MR'], '', ['Synthetic', 'Node']);
  msg.addSegment('PV1', '1', 'O', ['INFUSION', '3', 'CHAIR-3', 'CLINIC_A']);
  msg.addSegment('OBR', '1', '', 'NODE-0001', ['182777000', 'monitoring of patient', 'SCT'], '', '', '20261127143000+0000');
  const obx = (setId, type, code, subId, value, units, status, time, equipment) =>
    msg.addSegment('OBX', setId, type, code, subId, value, units, '', '', '', '', status, '', '', time, '', '', '', equipment);
  obx('1', 'NM', ['150021', 'MDC_PRESS_BLD_NONINV_SYS', 'MDC'], '1.1.1.1', '131', ['266016', 'MDC_DIM_MMHG', 'MDC'], 'R', '20261127142900+0000', 'NODE-DEV-1');
  obx('2', 'NM', ['150022', 'MDC_PRESS_BLD_NONINV_DIA', 'MDC'], '1.1.1.2', '86', ['266016', 'MDC_DIM_MMHG', 'MDC'], 'R', '20261127142900+0000', 'NODE-DEV-1');
  obx('3', 'NM', ['147842', 'MDC_ECG_HEART_RATE', 'MDC'], '1.2.1.1', '77', ['264864', 'MDC_DIM_BEAT_PER_MIN', 'MDC'], 'R', '20261127143000+0000', 'NODE-DEV-1');
  obx('4', 'NM', ['59408-5', 'SpO2', 'LN'], '', '96', ['%', '%', 'UCUM'], 'F', '20261127143000+0000', '');
  obx('5', 'NM', ['9279-1', 'Respiratory rate', 'LN'], '', '15', ['/min', '/min', 'UCUM'], 'F', '', '');
  obx('6', 'NM', ['8310-5', 'Body temperature', 'LN'], '', '36.9', ['Cel', 'Cel', 'UCUM'], 'F', '20261127142500+0000', '');
  obx('7', 'SN', ['85354-9', 'Blood pressure panel', 'LN'], '', ['', '124', '/', '79'], ['mm[Hg]', 'mm[Hg]', 'UCUM'], 'F', '20261127142000+0000', '');
  return msg.toString();
}

function parseAck(text) {
  const parsed = new hl7.Parser().parse(text);
  const h = parsed.header; // simple-hl7 numbers header fields from MSH-3: getField(n) is MSH-(n+2)
  const msa = parsed.getSegment('MSA');
  return {
    sendingApplication: h.getField(1),
    sendingFacility: h.getField(2),
    receivingApplication: h.getField(3),
    receivingFacility: h.getField(4),
    messageTime: h.getField(5),
    messageType: h.getField(7),
    controlId: h.getField(8),
    processingId: h.getField(9),
    versionId: h.getField(10),
    segments: [parsed.header.name].concat(parsed.segments.map((s) => s.name)),
    msa: msa ? [msa.getField(1), msa.getField(2)] : null,
    err: parsed.getSegments('ERR').map((s) => ({
      location: s.getField(2),
      code: s.getComponent(3, 1),
      text: s.getComponent(3, 2),
      table: s.getComponent(3, 3),
      severity: s.getField(4),
      userMessage: s.getField(8),
    })),
  };
}

// A bedside monitor's reading (IEEE 11073 MDC codes for BP, LOINC for HR and SpO2), all at one time (YYYYMMDDHHMMSS+ZZZZ).
function buildReading(sender, controlId, time, sbp, dbp, hr, spo2) {
  const msg = new hl7.Message(sender, '', 'KETAMINE_CLINIC', 'CLINIC_A', time, '', ['ORU', 'R01', 'ORU_R01'], controlId, 'P', '2.5');
  msg.addSegment('PID', '1', '', ['TEST-0001', '', '', 'CLINIC_A', 'MR']);
  msg.addSegment('OBR', '1', '', controlId, ['182777000', 'monitoring of patient', 'SCT'], '', '', time);
  const obx = (setId, code, value, units) => msg.addSegment('OBX', setId, 'NM', code, '', value, units, '', '', '', '', 'F', '', '', time);
  obx('1', ['150021', 'MDC_PRESS_BLD_NONINV_SYS', 'MDC'], sbp, ['266016', 'MDC_DIM_MMHG', 'MDC']);
  obx('2', ['150022', 'MDC_PRESS_BLD_NONINV_DIA', 'MDC'], dbp, ['266016', 'MDC_DIM_MMHG', 'MDC']);
  obx('3', ['8867-4', 'Heart rate', 'LN'], hr, ['/min', '/min', 'UCUM']);
  obx('4', ['59408-5', 'SpO2', 'LN'], spo2, ['%', '%', 'UCUM']);
  return msg;
}

function sendOru(args) {
  const [port, sender, controlId, time, sbp, dbp, hr, spo2] = args;
  const client = hl7.Server.createTcpClient({ host: '127.0.0.1', port: Number(port) });
  const timer = setTimeout(() => {
    process.stderr.write('no ACK within 30 s\n');
    process.exit(1);
  }, 30000);
  client.send(buildReading(sender, controlId, time, sbp, dbp, hr, spo2), (err, ack) => {
    clearTimeout(timer);
    if (err) {
      process.stderr.write(String(err) + '\n');
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(parseAck(ack.toString())));
    client.close();
  });
}

const mode = process.argv[2];
if (mode === 'build-oru') {
  process.stdout.write(buildOru());
} else if (mode === 'parse-ack') {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => process.stdout.write(JSON.stringify(parseAck(Buffer.concat(chunks).toString('utf8')))));
} else if (mode === 'send-oru') {
  sendOru(process.argv.slice(3));
} else {
  process.stderr.write('usage: node interop.js build-oru | parse-ack < ack.hl7 | send-oru <port> <sender> <id> <time> <sbp> <dbp> <hr> <spo2>\n');
  process.exit(2);
}
