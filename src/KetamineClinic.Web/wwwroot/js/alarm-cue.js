// Audible cue for new vital-sign alarms (chair board, session page). WebAudio, no audio files.
// Browsers start audio only after a user gesture: any click on the page (e.g. the mute toggle) unlocks it.
const storageKey = "kc.alarmCue.muted";
let context = null;

// Every cue requested, for the end-to-end test and for troubleshooting ("did it try to beep?").
window.kcAlarmCueLog = window.kcAlarmCueLog || [];

function audio() {
  if (!context) {
    const Ctor = window.AudioContext || window.webkitAudioContext;
    if (!Ctor) {
      return null;
    }
    context = new Ctor();
  }
  if (context.state === "suspended") {
    context.resume();
  }
  return context;
}

document.addEventListener("click", () => { try { audio(); } catch { /* no audio device */ } }, { once: true });

export function isMuted() {
  return localStorage.getItem(storageKey) === "1";
}

export function setMuted(muted) {
  localStorage.setItem(storageKey, muted ? "1" : "0");
  if (!muted) {
    try { audio(); } catch { /* no audio device */ }
  }
}

// CRITICAL: three high beeps; ALERT: two; WARN: one low beep.
export function beep(severity) {
  window.kcAlarmCueLog.push({ severity, at: Date.now(), muted: isMuted() });
  if (isMuted()) {
    return false;
  }
  try {
    const ctx = audio();
    if (!ctx) {
      return false;
    }
    const [frequency, count] = severity === "Critical" ? [988, 3] : severity === "Alert" ? [784, 2] : [523, 1];
    for (let i = 0; i < count; i++) {
      const start = ctx.currentTime + i * 0.25;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "square";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.2);
    }
    return true;
  } catch {
    return false;
  }
}
