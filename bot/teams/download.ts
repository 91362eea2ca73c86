/**
 * Fetches a bounce file a person attached: only from allowed hosts (Microsoft's by default), following
 * redirects only to allowed hosts, within a size cap and a timeout. `data:` URLs (the local playground's
 * uploads) are decoded in place, with the same cap.
 */

export interface DownloadPolicy {
  /** Host patterns: `example.com` (that host) or `*.example.com` (any host below it). */
  allowedHosts: string[];
  maxBytes: number;
  timeoutMs: number;
  /** Allow plain http (tests and the local playground only). */
  allowHttp?: boolean;
}

export type DownloadResult =
  | { ok: true; bytes: Uint8Array; contentType?: string }
  | { ok: false; reason: 'host-not-allowed' | 'too-large' | 'timeout' | 'http-error' | 'bad-url' | 'network'; detail?: string };

export const MICROSOFT_DOWNLOAD_HOSTS = [
  '*.sharepoint.com',
  '*.sharepoint-df.com',
  '*.sharepoint.us',
  '*.sharepoint.de',
  '*.sharepoint.cn',
  '*.svc.ms',
  'graph.microsoft.com',
  '*.botframework.com',
  'smba.trafficmanager.net',
  '*.smba.trafficmanager.net',
  '*.teams.microsoft.com',
  '*.1drv.com',
  '*.onedrive.com',
];

export function hostAllowed(host: string, patterns: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((p) => {
    const pat = p.toLowerCase().trim();
    if (pat.startsWith('*.')) return h.endsWith(pat.slice(1)) && h.length > pat.length - 1;
    return h === pat;
  });
}

function decodeDataUrl(url: string, maxBytes: number): DownloadResult {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!m) return { ok: false, reason: 'bad-url' };
  const isBase64 = /;base64/i.test(m[2] ?? '');
  const payload = m[3] ?? '';
  const approx = isBase64 ? Math.floor((payload.length * 3) / 4) : payload.length;
  if (approx > maxBytes) return { ok: false, reason: 'too-large' };
  const bytes = isBase64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  return { ok: true, bytes, contentType: m[1] || undefined };
}

const MAX_REDIRECTS = 3;

export async function download(url: string, policy: DownloadPolicy): Promise<DownloadResult> {
  if (url.startsWith('data:')) return decodeDataUrl(url, policy.maxBytes);
  const controller = new AbortController();
  let tooLarge = false;
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        return { ok: false, reason: 'bad-url' };
      }
      if (parsed.protocol !== 'https:' && !(policy.allowHttp && parsed.protocol === 'http:')) return { ok: false, reason: 'bad-url' };
      if (!hostAllowed(parsed.hostname, policy.allowedHosts)) return { ok: false, reason: 'host-not-allowed', detail: parsed.hostname };
      const res = await fetch(parsed, { redirect: 'manual', signal: controller.signal });
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        current = new URL(res.headers.get('location')!, parsed).toString();
        await res.body?.cancel();
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, reason: 'http-error', detail: String(res.status) };
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        await res.body?.cancel();
        return { ok: false, reason: 'too-large' };
      }
      const chunks: Uint8Array[] = [];
      let total = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > policy.maxBytes) {
          tooLarge = true;
          controller.abort();
          break;
        }
        chunks.push(chunk);
      }
      if (tooLarge) return { ok: false, reason: 'too-large' };
      return { ok: true, bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') ?? undefined };
    }
    return { ok: false, reason: 'http-error', detail: 'too many redirects' };
  } catch (err) {
    if (tooLarge) return { ok: false, reason: 'too-large' };
    if (controller.signal.aborted) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: 'network', detail: (err as Error).name };
  } finally {
    clearTimeout(timer);
  }
}
