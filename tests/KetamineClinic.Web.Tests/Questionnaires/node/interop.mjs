// Independent FHIR client (fhir-kit-client) against the running clinic: a token by OAuth 2.0 client credentials,
// a PHQ-9 QuestionnaireResponse created, and its score Observation (LOINC 44261-6) found and read back.
// Input (environment): KC_BASE, KC_CLIENT_ID, KC_CLIENT_SECRET, KC_PATIENT_ID. Output: one JSON line on stdout.
import { Client } from 'fhir-kit-client';

const base = process.env.KC_BASE.replace(/\/$/, '');
const basic = Buffer.from(`${encodeURIComponent(process.env.KC_CLIENT_ID)}:${encodeURIComponent(process.env.KC_CLIENT_SECRET)}`).toString('base64');
const tokenResponse = await fetch(`${base}/connect/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/QuestionnaireResponse.crs system/Observation.rs' }),
});
if (!tokenResponse.ok) {
  throw new Error(`token request failed: ${tokenResponse.status} ${await tokenResponse.text()}`);
}
const { access_token: token } = await tokenResponse.json();

const client = new Client({ baseUrl: `${base}/fhir`, bearerToken: token });
const answerCodes = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const scores = [2, 2, 1, 1, 1, 1, 1, 1, 0]; // total 10: "Moderate" (TV-03)
const patient = `Patient/${process.env.KC_PATIENT_ID}`;
const created = await client.create({
  resourceType: 'QuestionnaireResponse',
  body: {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: 'urn:example:fhir-kit-peer', value: `phq9-${process.env.KC_PATIENT_ID}` },
    questionnaire: 'http://loinc.org/q/44249-1',
    status: 'completed',
    subject: { reference: patient },
    authored: new Date(Date.now() - 60_000).toISOString(),
    item: scores.map((score, i) => ({
      linkId: String(i + 1),
      answer: [{ valueCoding: { system: 'http://loinc.org', code: answerCodes[score] } }],
    })),
  },
});

const bundle = await client.search({
  resourceType: 'Observation',
  searchParams: { patient, code: 'http://loinc.org|44261-6', category: 'survey' },
});
const found = (bundle.entry ?? []).map((e) => e.resource);
const observation = found.length === 1 ? await client.read({ resourceType: 'Observation', id: found[0].id }) : null;
const readBack = await client.read({ resourceType: 'QuestionnaireResponse', id: created.id });

process.stdout.write(JSON.stringify({
  createdType: created.resourceType,
  createdId: created.id,
  readBackQuestionnaire: readBack.questionnaire,
  observationsFound: bundle.total,
  observationId: observation?.id ?? null,
  code: observation?.code?.coding?.[0]?.code ?? null,
  category: observation?.category?.[0]?.coding?.[0]?.code ?? null,
  value: observation?.valueQuantity?.value ?? observation?.valueInteger ?? null,
  band: observation?.interpretation?.[0]?.text ?? null,
  derivedFrom: observation?.derivedFrom?.[0]?.reference ?? null,
}) + '\n');
