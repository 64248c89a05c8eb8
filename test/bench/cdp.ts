/**
 * A minimal Chrome DevTools Protocol client on the browser endpoint (Chromium started with
 * --remote-debugging-port=0). Playwright gives CDP sessions for pages only; the bench also needs
 * the extension's service worker (heap) and the ServiceWorker domain (stop it to measure a cold start).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sleep } from '../shared/page-probes';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class Cdp {
  private id = 0;
  private readonly pending = new Map<number, Pending>();
  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (ev) => {
      const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
  }

  /** Connect to the browser whose profile directory holds DevToolsActivePort. */
  static async connect(profile: string): Promise<Cdp> {
    let lines: string[] = [];
    for (let i = 0; i < 100 && lines.length < 2; i++) {
      try {
        lines = readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').trim().split('\n');
      } catch {
        await sleep(100);
      }
    }
    if (lines.length < 2) throw new Error('Chromium did not write DevToolsActivePort');
    const ws = new WebSocket(`ws://127.0.0.1:${lines[0]}${lines[1]}`);
    await new Promise<void>((ok, fail) => {
      ws.addEventListener('open', () => ok(), { once: true });
      ws.addEventListener('error', () => fail(new Error('CDP websocket failed')), { once: true });
    });
    return new Cdp(ws);
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  async targets(): Promise<{ targetId: string; type: string; url: string }[]> {
    const r = await this.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
    return r.targetInfos;
  }

  /** Session on the extension's service worker, or null when it is not running. */
  async workerSession(extensionId: string): Promise<string | null> {
    const t = (await this.targets()).find((x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!t) return null;
    const r = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId: t.targetId, flatten: true });
    return r.sessionId;
  }

  async workerRunning(extensionId: string): Promise<boolean> {
    return (await this.targets()).some((x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${extensionId}/`));
  }

  close(): void {
    this.ws.close();
  }
}
