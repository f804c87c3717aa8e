/**
 * GET /healthz, the server's own health check (plain JSON, not GraphQL). Retried by the catalogue page
 * with the client's one retry policy (useRetry).
 */

/** What the page knows about the server. */
export type ServerStatus = 'loading' | 'ok' | 'unreachable';

const REQUEST_TIMEOUT_MS = 5000;

/** Asks the server whether it is up: true when GET /healthz answers `{ "status": "ok", ... }`. */
export async function checkHealth(fetchFn: typeof fetch = fetch): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetchFn('/healthz', {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    if (!response.ok) return false;
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'ok';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
