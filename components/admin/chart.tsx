// A chart of figures per day, drawn as SVG on the server: stacked bars for counts, lines for
// independent figures (latency percentiles). Hand-rolled rather than a chart library: the page
// needs two chart kinds, no interaction and no client JavaScript, and every chart comes with
// its figures as a table (in a <details>) for screen readers and exact values.

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#be123c', '#6d28d9', '#0e7490', '#4d7c0f', '#a21caf']
const W = 640
const H = 200
const PAD = { left: 44, right: 8, top: 8, bottom: 24 }

export interface ChartProps {
  id: string
  title: string
  description: string
  unit: string
  kind: 'stacked' | 'lines'
  days: string[]
  keys: string[]
  values: Record<string, number[]>
}

function niceMax(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= value) ?? value
}

export function Chart({ id, title, description, unit, kind, days, keys, values }: ChartProps) {
  const n = days.length
  const totals = days.map((_, i) => keys.reduce((sum, k) => sum + (values[k]?.[i] ?? 0), 0))
  const peak = kind === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...keys.flatMap((k) => values[k] ?? []))
  const top = niceMax(peak)
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (i: number) => PAD.left + (plotW * i) / Math.max(1, n)
  const y = (v: number) => PAD.top + plotH - (plotH * v) / top
  const barW = Math.max(1, plotW / Math.max(1, n) - 1)
  const sum = totals.reduce((a, b) => a + b, 0)
  const labelEvery = Math.max(1, Math.ceil(n / 6))
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">{description}</p>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-summary`}>
        <desc id={`${id}-summary`}>{kind === 'stacked' ? `${sum} ${unit} over ${n} days.` : `Peak ${peak} ${unit} over ${n} days.`}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke="currentColor" strokeOpacity={0.15} />
            <text x={PAD.left - 4} y={y(top * f) + 4} textAnchor="end" fontSize={11} fill="currentColor">
              {Math.round(top * f * 10) / 10}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d} x={x(i) + barW / 2} y={H - 6} textAnchor="middle" fontSize={11} fill="currentColor">
              {d.slice(5)}
            </text>
          ) : null,
        )}
        {kind === 'stacked'
          ? days.map((d, i) => {
              let base = 0
              return keys.map((k, ki) => {
                const v = values[k]?.[i] ?? 0
                if (!v) return null
                const rect = <rect key={`${d}-${k}`} x={x(i)} y={y(base + v)} width={barW} height={y(base) - y(base + v)} fill={PALETTE[ki % PALETTE.length]} />
                base += v
                return rect
              })
            })
          : keys.map((k, ki) => (
              <polyline
                key={k}
                fill="none"
                stroke={PALETTE[ki % PALETTE.length]}
                strokeWidth={2}
                points={days.map((_, i) => `${x(i) + barW / 2},${y(values[k]?.[i] ?? 0)}`).join(' ')}
              />
            ))}
      </svg>
      <ul className="flex flex-wrap gap-3 text-sm" aria-label={`Legend of ${title}`}>
        {keys.map((k, ki) => (
          <li key={k} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: PALETTE[ki % PALETTE.length] }} />
            {k}
          </li>
        ))}
        {keys.length === 0 && <li>No data in this period.</li>}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer">Figures</summary>
        <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label={`Figures of ${title}`}>
          <table className="mt-2 text-sm">
            <caption className="sr-only">{title}, per day ({unit})</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 text-left">Day</th>
                {keys.map((k) => (
                  <th key={k} scope="col" className="px-2 text-right">{k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d, i) => (
                <tr key={d}>
                  <th scope="row" className="px-2 text-left font-normal">{d}</th>
                  {keys.map((k) => (
                    <td key={k} className="px-2 text-right tabular-nums">{values[k]?.[i] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  )
}
