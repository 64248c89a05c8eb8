import { fmtDateTime, fmtRelative } from './format';

/** A timestamp shown relative ("3 hours ago") with the exact local time on hover. */
export function Time({ iso, fallback = '—' }: { iso?: string; fallback?: string }) {
  const abs = fmtDateTime(iso);
  const rel = fmtRelative(iso);
  if (!abs || !rel || !iso) return <span class="muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={abs}>
      {rel}
    </time>
  );
}
