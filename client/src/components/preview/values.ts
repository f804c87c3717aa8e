/**
 * Reading the values in force (feature code -> value) for the preview drawings, and the safe fallbacks that
 * keep a drawing intact when a model gains an option the tables do not know yet.
 */
export type PreviewValues = Record<string, string | string[] | null>;

/** The value of a single-choice (or any scalar) feature, or null. */
export function one(values: PreviewValues, code: string): string | null {
  const v = values[code];
  if (typeof v === 'string') return v === '' ? null : v;
  if (Array.isArray(v)) return v[0] ?? null;
  return null;
}

/** The chosen option codes of a multiple-choice feature (a lone string counts as one). */
export function many(values: PreviewValues, code: string): string[] {
  const v = values[code];
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' && x !== '');
  if (typeof v === 'string' && v !== '') return [v];
  return [];
}

/** A numeric feature, clamped to [min, max]; the fallback when absent or not a number. */
export function num(values: PreviewValues, code: string, fallback: number, min: number, max: number): number {
  const raw = one(values, code);
  const n = raw === null ? Number.NaN : Number.parseFloat(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** A boolean feature: only "true" counts as on. */
export function flag(values: PreviewValues, code: string): boolean {
  return one(values, code) === 'true';
}

/** "oil_white" -> "oil white": a readable name for a code no table knows. */
export function humanise(code: string): string {
  return code.replace(/[_-]+/g, ' ').trim();
}

/** A stable, pleasant colour derived from a code, for options the colour tables do not know. */
export function colourFromCode(code: string): string {
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360}, 38%, 55%)`;
}

/** The table's entry for a code, or the fallback built from the code. */
export function lookup<T>(
  table: Readonly<Record<string, T>>,
  code: string | null,
  fallback: (code: string) => T,
): T {
  if (code !== null && Object.hasOwn(table, code)) return table[code] as T;
  return fallback(code ?? '');
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Mix a #rrggbb colour with white (t = 0..1); other colour forms are returned unchanged. */
export function lighten(hex: string, t: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = Number.parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
