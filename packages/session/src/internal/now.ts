/** Python-style `isoformat()` of the current UTC time, with microseconds and `+00:00`. */
export function nowIso(): string {
  const iso = new Date().toISOString(); // 2026-11-28T14:43:16.677Z
  return `${iso.slice(0, 23)}000+00:00`;
}
