/**
 * Probes run inside the page (passed to page.evaluate, so they must be self-contained):
 * when the first streamed text of a worked step appears, and how smoothly frames run while
 * a worked step streams. Times are performance.timeOrigin + performance.now(): wall-clock
 * milliseconds with sub-millisecond precision, comparable with the bench process's.
 */

export interface FirstText {
  /** When a DOM mutation first left non-empty streamed text in the worked step. */
  atMutation: number;
  /** The start of the next animation frame after it (the frame that paints it). */
  atFrame: number | null;
  dateNow: number;
  text: string;
}

export interface FrameStats {
  /** Gaps between consecutive requestAnimationFrame callbacks, ms. */
  gaps: number[];
  /** Durations of 'longtask' entries (main-thread tasks over 50 ms). */
  longTasks: number[];
  /** Characters shown in the streamed region when the monitor stopped. */
  shownChars: number;
}

declare global {
  interface Window {
    __rfFirstText?: FirstText | null;
    __rfFrames?: { gaps: number[]; longTasks: number[]; stop: () => void };
  }
}

/** Arms a MutationObserver that records when the streamed region first shows text. */
export function armFirstTextProbe(): void {
  const wall = () => performance.timeOrigin + performance.now();
  window.__rfFirstText = null;
  const streamedText = () => {
    const region = document.querySelector('section.current-step .worked-step .stream-text');
    // While waiting, the region holds only the "Waiting for the model…" placeholder.
    if (!region || region.querySelector(':scope > p.hint')) return '';
    return (region.textContent ?? '').trim();
  };
  const observer = new MutationObserver(() => {
    if (window.__rfFirstText) return;
    const text = streamedText();
    if (!text) return;
    const hit: FirstText = { atMutation: wall(), atFrame: null, dateNow: Date.now(), text: text.slice(0, 40) };
    window.__rfFirstText = hit;
    observer.disconnect();
    requestAnimationFrame(() => {
      hit.atFrame = wall();
    });
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** Starts a requestAnimationFrame gap monitor and a 'longtask' observer. */
export function startFrameMonitor(): void {
  const gaps: number[] = [];
  const longTasks: number[] = [];
  let running = true;
  let last = performance.now();
  const tick = (t: number) => {
    if (!running) return;
    gaps.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // Not supported: the frame gaps still tell the story.
  }
  window.__rfFrames = {
    gaps,
    longTasks,
    stop: () => {
      running = false;
      observer.disconnect();
    },
  };
}

export function stopFrameMonitor(): FrameStats {
  const m = window.__rfFrames;
  if (!m) return { gaps: [], longTasks: [], shownChars: 0 };
  m.stop();
  const worked = document.querySelector('section.current-step .worked-step');
  return { gaps: m.gaps, longTasks: m.longTasks, shownChars: (worked?.textContent ?? '').length };
}
