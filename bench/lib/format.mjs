/** Numbers and tables as the report writes them. */
export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const ratio = (a, b) => `${fmt(a / b, 2)}×`;

export const table = (head, rows) =>
  [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');

/** Provider calls by endpoint: "token 1, userinfo 1". */
export function endpoints(byEndpoint) {
  const entries = Object.entries(byEndpoint);
  if (entries.length === 0) return 'none';
  return entries.map(([endpoint, n]) => `${endpoint} ${fmt(n, n % 1 ? 2 : 0)}`).join(', ');
}
