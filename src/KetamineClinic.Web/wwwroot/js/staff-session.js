// Staff session helpers for the staff layout (Components/Layout/MainLayout.razor).
//
// Idle sign-out (Security:StaffIdleTimeoutMinutes, default 15): mouse, keyboard, touch, wheel and scroll count as
// activity, in any tab of this browser (the last activity time is shared through localStorage). A warning appears
// `warningMs` before the limit; at the limit the layout's sign-out form is posted with reason=idle, so the server
// signs out, audits it and shows the sign-in page with an explanation. While the person is active the page pings
// /account/keepalive now and then, because Blazor's websocket traffic does not renew the sign-in cookie.

const activityKey = 'kc.idle.lastActivity';
const activityEvents = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'pointerdown', 'wheel', 'scroll'];
let session = null;

export function start(options) {
  stop();
  const s = {
    timeoutMs: options.timeoutMs,
    warningMs: options.warningMs,
    keepAliveMs: options.keepAliveMs,
    formId: options.formId,
    lastWrite: 0,
    lastKeepAlive: Date.now(),
    signingOut: false,
    banner: null,
    timer: 0,
  };
  s.onActivity = () => {
    const now = Date.now();
    if (now - s.lastWrite >= 500) {
      s.lastWrite = now;
      writeActivity(now);
    }
    if (now - s.lastKeepAlive >= s.keepAliveMs) {
      s.lastKeepAlive = now;
      keepAlive();
    }
    if (s.banner && !s.banner.hidden) {
      tick();
    }
  };
  for (const name of activityEvents) {
    window.addEventListener(name, s.onActivity, { passive: true, capture: true });
  }
  writeActivity(Date.now());
  s.timer = window.setInterval(tick, Math.min(1000, Math.max(250, s.warningMs / 4)));
  session = s;
}

export function stop() {
  const s = session;
  if (!s) {
    return;
  }
  window.clearInterval(s.timer);
  for (const name of activityEvents) {
    window.removeEventListener(name, s.onActivity, { capture: true });
  }
  if (s.banner) {
    s.banner.remove();
  }
  session = null;
}

function writeActivity(now) {
  try {
    localStorage.setItem(activityKey, String(now));
  } catch {
    // Storage unavailable (private mode quota): this tab's own timer still works.
  }
  if (session) {
    session.localActivity = now;
  }
}

function lastActivity() {
  let shared = 0;
  try {
    shared = Number(localStorage.getItem(activityKey)) || 0;
  } catch {
    shared = 0;
  }
  return Math.max(shared, session?.localActivity ?? 0);
}

function tick() {
  const s = session;
  if (!s || s.signingOut) {
    return;
  }
  const remaining = s.timeoutMs - (Date.now() - lastActivity());
  if (remaining <= 0) {
    signOut(s);
  } else if (remaining <= s.warningMs) {
    showWarning(s, remaining);
  } else if (s.banner) {
    s.banner.hidden = true;
  }
}

function showWarning(s, remainingMs) {
  if (!s.banner) {
    const banner = document.createElement('div');
    banner.id = 'kc-idle-warning';
    banner.className = 'kc-idle-warning';
    banner.setAttribute('role', 'alert');
    banner.innerHTML = 'For patient privacy you will be signed out in <strong data-countdown></strong> seconds ' +
      'because nothing has happened on this screen. Move the mouse or press a key to stay signed in.';
    document.body.appendChild(banner);
    s.banner = banner;
  }
  s.banner.querySelector('[data-countdown]').textContent = String(Math.ceil(remainingMs / 1000));
  s.banner.hidden = false;
}

function signOut(s) {
  s.signingOut = true;
  window.clearInterval(s.timer);
  const form = document.getElementById(s.formId);
  if (form) {
    const reason = form.querySelector('input[name="reason"]');
    if (reason) {
      reason.value = 'idle';
    }
    form.submit();
  } else {
    window.location.assign('/account/login?signedOut=idle');
  }
}

async function keepAlive() {
  try {
    const response = await fetch('/account/keepalive', { credentials: 'same-origin', cache: 'no-store' });
    if (response.redirected || response.status === 401) {
      // The session ended elsewhere (disabled, signed out in another tab): go to sign-in.
      window.location.assign('/account/login');
    }
  } catch {
    // Offline for a moment: the next activity tries again.
  }
}

// The site this person chose last time (per user, so a shared workstation does not mix people up).
export function rememberedSite(userId) {
  try {
    return localStorage.getItem('kc.site.' + userId);
  } catch {
    return null;
  }
}

export function rememberSite(userId, siteId) {
  try {
    localStorage.setItem('kc.site.' + userId, siteId);
  } catch {
    // Not remembered; the first site is chosen next time.
  }
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
