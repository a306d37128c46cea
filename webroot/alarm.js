// Attention getters for new critical alerts: a flashing tab title and a short
// WebAudio beep (no audio file). Sound can be muted; the choice is remembered.

const MUTE_KEY = 'qingliu.muted';
const FLASH_PERIOD_MS = 1000;
// When the page already has focus nobody needs to be called back to it, but a
// brief flash still draws the eye; stop after this many focused ticks.
const FOCUSED_FLASH_TICKS = 10;

let muted = readMuted();
let audioContext = null;
let lastBeepAt = 0;

let flashTimer = null;
let flashOn = false;
let focusedTicks = 0;
let titles = { base: document.title, alert: document.title };

function readMuted() {
  try {
    return localStorage.getItem(MUTE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function isMuted() {
  return muted;
}

export function setMuted(value) {
  muted = Boolean(value);
  try {
    localStorage.setItem(MUTE_KEY, String(muted));
  } catch {
    // Not remembered in private mode; still applies for this page.
  }
}

/**
 * Browsers only let audio start after a user gesture, so the context is created
 * (or resumed) from the first click or key press, e.g. the login click.
 */
export function unlockAudio() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  try {
    if (!audioContext) audioContext = new Ctx();
    if (audioContext.state === 'suspended') audioContext.resume().catch(() => {});
  } catch {
    audioContext = null;
  }
}

export function beep() {
  if (muted || !audioContext) return;
  const now = performance.now();
  if (now - lastBeepAt < 1500) return; // a burst of alerts gives one beep, not a siren
  lastBeepAt = now;
  if (audioContext.state === 'suspended') audioContext.resume().catch(() => {});
  const start = audioContext.currentTime + 0.02;
  // Two short rising tones.
  [[880, 0], [1320, 0.2]].forEach(([freq, offset]) => {
    const osc = audioContext.createOscillator();
    const gain = audioContext.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + offset;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.3, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16);
    osc.connect(gain).connect(audioContext.destination);
    osc.start(t0);
    osc.stop(t0 + 0.18);
  });
}

/** Base title and its flashing alternative; applied at once unless a flash is running. */
export function setTitles(base, alert) {
  titles = { base, alert };
  if (!flashTimer) document.title = base;
}

export function startFlash() {
  focusedTicks = 0;
  if (flashTimer) return;
  flashOn = true;
  document.title = titles.alert;
  flashTimer = setInterval(() => {
    if (document.hasFocus() && document.visibilityState === 'visible') {
      focusedTicks += 1;
      if (focusedTicks >= FOCUSED_FLASH_TICKS) {
        stopFlash();
        return;
      }
    }
    flashOn = !flashOn;
    document.title = flashOn ? titles.alert : titles.base;
  }, FLASH_PERIOD_MS);
}

export function stopFlash() {
  if (flashTimer) clearInterval(flashTimer);
  flashTimer = null;
  flashOn = false;
  document.title = titles.base;
}

export function isFlashing() {
  return flashTimer !== null;
}

// The officer came back to the window: the title has done its job.
window.addEventListener('focus', () => stopFlash());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && document.hasFocus()) stopFlash();
});
