/**
 * Which main-thread tasks are Backstory's? A Chromium trace of the page (CDP `Tracing` on the page's
 * session, the categories DevTools' performance panel records) lists every task the renderer's main
 * thread ran (`RunTask`) and, inside it, every script entry with its script URL (`EvaluateScript`,
 * `FunctionCall`, timers, animation frames, observers). The content script runs in an isolated world
 * on that same thread, and its code has a `chrome-extension://` URL, so a task's time inside
 * extension code (including the layouts and GCs that code forces) is the extension's share of it.
 * The page's own work in a task is not counted: that is the page's, with or without Backstory.
 *
 * Times are the main thread's CPU time (`tdur`): on a machine shared with other work, a task's wall
 * time also counts the moments its thread waited for a core, which no code of the page or the
 * extension decides. A task's extension share is scaled by the same ratio (CPU / wall) as the task.
 */
import type { CDPSession } from 'playwright-core';

const CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'disabled-by-default-v8.cpu_profiler'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      url?: string;
      stackTrace?: { url?: string }[];
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { url: string; functionName?: string } }[]; samples?: number[] };
      timeDeltas?: number[];
    };
    beginData?: { url?: string };
  };
}

export interface TaskShare {
  /** Main-thread tasks of the page's renderer, and how many passed 50 ms (CPU). */
  tasks: number;
  longTasks: number;
  /** The longest task (CPU ms; and its wall time), and the extension's largest share of one task (CPU ms). */
  maxTaskMs: number;
  maxTaskWallMs: number;
  /** Sum over tasks of their CPU time past 50 ms (total blocking, by CPU). */
  blockingMs: number;
  /** The part of that blocking owed to the extension: per task, its blocking less what it would be without the extension's share. */
  extensionBlockingMs: number;
  maxExtensionInTaskMs: number;
  /** In that task: the extension functions the profiler caught most (innermost extension frame, share of samples). */
  maxExtensionWhere?: string;
  /** Tasks over 50 ms that ran any extension code, with the extension's share of each (ms). */
  longWithExtension: { taskMs: number; extensionMs: number; wallMs: number }[];
  /** Tasks over 50 ms because of the extension: its share alone passes 50 ms, or the task without it would not. */
  attributableLongTasks: number;
  /** Extension code on the main thread in total (ms), and the script entries it was seen in. */
  extensionMs: number;
  extensionEntries: number;
}

/** Start tracing on a page's CDP session (before navigation); `stop()` returns the events. */
export async function startTrace(cdp: CDPSession): Promise<{ stop(): Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[]) events.push(ev);
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
  return {
    async stop() {
      const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
      await cdp.send('Tracing.end');
      await done;
      return events;
    },
  };
}

/** Trace events where the renderer enters script, with the URL of the script entered. */
const SCRIPT_ENTRIES = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.compile',
  'v8.callFunction',
  'v8.run',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
]);

const isExtension = (url: string | undefined) => !!url && url.startsWith('chrome-extension://');

/** A CPU-profile sample in extension code: [start, end] (µs, trace clock), and its innermost extension function. */
type ExtensionSample = [number, number, string];

/** Each CPU-profile sample of the thread that ran extension code. */
function extensionSamples(events: TraceEvent[], pid: number, tid: number): ExtensionSample[] {
  const out: ExtensionSample[] = [];
  const profiles = events.filter((e) => e.pid === pid && e.name === 'Profile');
  for (const p of profiles) {
    const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.id === p.id && e.pid === pid);
    if (!chunks.length || (p.tid !== tid && chunks[0].tid !== tid)) continue;
    const parent = new Map<number, number>();
    const url = new Map<number, string>();
    const fn = new Map<number, string>();
    const ext = new Map<number, boolean>();
    const isExt = (id: number): boolean => {
      const known = ext.get(id);
      if (known !== undefined) return known;
      const up = parent.get(id);
      const v = isExtension(url.get(id)) || (up !== undefined && isExt(up));
      ext.set(id, v);
      return v;
    };
    let t = p.args?.data?.startTime ?? p.ts;
    let last: ExtensionSample | null = null;
    /** The innermost frame of a sample that is the extension's own code. */
    const where = (id: number): string => {
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) if (isExtension(url.get(n))) return fn.get(n) ?? '?';
      return '?';
    };
    for (const c of chunks.sort((x, y) => x.ts - y.ts)) {
      const prof = c.args?.data?.cpuProfile;
      for (const n of prof?.nodes ?? []) {
        url.set(n.id, n.callFrame.url);
        fn.set(n.id, n.callFrame.functionName || '(anonymous)');
        if (n.parent !== undefined) parent.set(n.id, n.parent);
      }
      const samples = prof?.samples ?? [];
      const deltas = c.args?.data?.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) {
        t += deltas[i] ?? 0;
        if (last) last[1] = t;
        last = null;
        if (isExt(samples[i])) {
          last = [t, t, where(samples[i])];
          out.push(last);
        }
      }
    }
  }
  return out;
}

/** Tasks of the renderer that parsed `pageUrl`, with the extension's share of each. */
export function taskShares(events: TraceEvent[], pageUrl: string): TaskShare {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) throw new Error(`the trace has no HTML parse of ${pageUrl}`);
  const { pid, tid } = parse;
  const own = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = own.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((x, y) => x.ts - y.ts);
  // Top-level tasks only (a nested RunTask is part of its parent).
  const top: TraceEvent[] = [];
  let end = -1;
  for (const t of tasks) {
    if (t.ts >= end) {
      top.push(t);
      end = t.ts + (t.dur ?? 0);
    }
  }
  // Script entries that ran the extension's code (by their script URL).
  const spans: [number, number][] = [];
  for (const e of own)
    if (SCRIPT_ENTRIES.has(e.name) && (isExtension(e.args?.data?.url) || isExtension(e.args?.data?.stackTrace?.[0]?.url)))
      spans.push([e.ts, e.ts + (e.dur ?? 0)]);
  const entries = spans.length;
  // Promise continuations run in a microtask checkpoint that names no script: there the V8 sampling
  // profiler says whose code ran. A sample whose stack holds an extension frame is the extension's
  // until the next sample (layouts and style work its DOM calls force are inside that time).
  const samples = extensionSamples(events, pid, tid);
  for (const [at, until] of samples) spans.push([at, until]);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  let j = 0;
  let maxTask = 0;
  let maxWall = 0;
  let maxExt = 0;
  let maxAt: [number, number] = [0, 0];
  let longTasks = 0;
  let attributable = 0;
  let extTotal = 0;
  let blocking = 0;
  let owed = 0;
  const longWithExtension: TaskShare['longWithExtension'] = [];
  for (const t of top) {
    const a = t.ts;
    const wall = t.dur ?? 0;
    const b = a + wall;
    while (j < merged.length && merged[j][1] <= a) j++;
    let extWall = 0;
    for (let k = j; k < merged.length && merged[k][0] < b; k++) extWall += Math.min(b, merged[k][1]) - Math.max(a, merged[k][0]);
    const cpu = Math.min(t.tdur ?? wall, wall);
    const ms = cpu / 1000;
    const ext = wall > 0 ? (extWall * cpu) / wall / 1000 : 0;
    extTotal += ext;
    maxTask = Math.max(maxTask, ms);
    maxWall = Math.max(maxWall, wall / 1000);
    if (ext > maxExt) {
      maxExt = ext;
      maxAt = [a, b];
    }
    // The blocking this task has because of the extension: its blocking less what it would have without it.
    owed += Math.max(0, ms - 50) - Math.max(0, ms - ext - 50);
    if (ms > 50) {
      longTasks++;
      blocking += ms - 50;
      if (ext > 0) longWithExtension.push({ taskMs: ms, extensionMs: ext, wallMs: wall / 1000 });
      // Long because of the extension: its own part is over 50 ms, or the task would be short without it.
      if (ext > 50 || ms - ext <= 50) attributable++;
    }
  }
  return {
    tasks: top.length,
    longTasks,
    maxTaskMs: maxTask,
    maxTaskWallMs: maxWall,
    blockingMs: blocking,
    extensionBlockingMs: owed,
    maxExtensionInTaskMs: maxExt,
    maxExtensionWhere: whereIn(samples, maxAt),
    longWithExtension,
    attributableLongTasks: attributable,
    extensionMs: extTotal,
    extensionEntries: entries,
  };
}

/** The extension functions sampled most between two times, e.g. "draw 60%, annotate 25%". */
function whereIn(samples: ExtensionSample[], [a, b]: [number, number]): string {
  const count = new Map<string, number>();
  let all = 0;
  for (const [at, , name] of samples) {
    if (at < a || at >= b) continue;
    count.set(name, (count.get(name) ?? 0) + 1);
    all++;
  }
  return [...count]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([name, n]) => `${name} ${Math.round((100 * n) / all)}%`)
    .join(', ');
}
