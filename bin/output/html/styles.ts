/** The report's only stylesheet, inlined so the file opens from disk with no network. */
export const REPORT_CSS = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#fff; --soft:#f6f8fa; --blame:#c92a2a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
.muted, .note { color: var(--muted); } .note { font-size: 12px; margin: 4px 0; }
.stats { display: flex; gap: 18px; flex-wrap: wrap; margin: 8px 0 0; padding: 0; list-style: none; color: var(--muted); }
.stats b { color: var(--fg); }
.verdict { padding: 10px 14px; border-radius: 6px; background: var(--soft); border-left: 4px solid var(--muted); margin: 10px 0; }
.verdict.blamed { border-left-color: var(--blame); background: #fff5f5; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; background: var(--soft); border: 1px solid var(--line); }
.badge.high { background:#ffe3e3; border-color:#ffa8a8; } .badge.medium { background:#fff3bf; border-color:#ffd43b; } .badge.low { background:#e7f5ff; border-color:#a5d8ff; }
.badge.blamed { background: var(--blame); color: #fff; border-color: var(--blame); }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 6px; background: #fff; }
svg.timeline { display: block; width: 100%; height: auto; font-size: 11px; }
svg .plot { fill: #fbfcfd; } svg .grid { stroke: #eaeef2; } svg .tick { fill: var(--muted); }
svg .incident-span { fill: #ffe8cc; opacity: .45; }
svg .lane-sep { stroke: #eaeef2; } svg .lane-label { font-weight: 600; } svg .lane-template { fill: var(--muted); font-family: ui-monospace, monospace; font-size: 10px; }
svg .rate-series { fill-opacity: .55; stroke-width: 1; } svg .rate-before { stroke: #868e96; stroke-width: 3; fill: none; } svg .rate-after { opacity: .8; }
svg .lane-counts { fill: var(--fg); font-variant-numeric: tabular-nums; }
svg .lane:hover .rate-after { opacity: 1; } svg .lane:hover .lane-label { text-decoration: underline; }
svg .deploy line { stroke: #495057; stroke-width: 1.5; stroke-dasharray: 4 3; } svg .deploy text { fill: #495057; font-weight: 600; }
svg .deploy.blamed line { stroke: var(--blame); stroke-width: 2.5; stroke-dasharray: none; } svg .deploy.blamed text { fill: var(--blame); }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
table.changes td:first-child { width: 220px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.blamed td { background: #fff5f5; }
.bar { display: inline-block; height: 8px; background: var(--blame); border-radius: 4px; vertical-align: middle; margin-right: 6px; }
code, .sample { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; overflow-wrap: anywhere; }
a { color: #0b5cad; } a:hover { text-decoration: underline; }
.health { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px 4px; background: #fff; overflow: hidden; }
.health-row { margin: 0 0 12px; }
.health-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.health-head .muted { font-size: 12px; }
.health-deploys { position: relative; height: 16px; font-size: 11px; }
.health-deploy-label { position: absolute; white-space: nowrap; color: #495057; font-weight: 600; }
.health-deploy-label.blamed { color: var(--blame); }
.health-legend { font-size: 11px; color: var(--muted); margin: 2px 0 0; } .health-legend.errors { color: var(--blame); }
svg.health-chart { display: block; width: 100%; background: #fbfcfd; border-bottom: 1px solid var(--line); }
svg .health-lines { fill: #a5d8ff; stroke: #1971c2; stroke-width: 1; vector-effect: non-scaling-stroke; }
svg .health-errors { fill: #ffc9c9; stroke: var(--blame); stroke-width: 1; vector-effect: non-scaling-stroke; }
svg .health-incident { fill: #ffe8cc; opacity: .6; }
svg .health-deploy { stroke: #495057; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .health-deploy.blamed { stroke: var(--blame); stroke-width: 2.5; stroke-dasharray: none; }
.health-axis { position: relative; height: 18px; font-size: 11px; color: var(--muted); }
.health-axis span { position: absolute; white-space: nowrap; }
@media (max-width: 700px) {
  main { padding: 16px 12px 40px; }
  h1 { font-size: 20px; } h2 { font-size: 18px; }
  .chart { padding: 2px; }
  table, tbody, tr, td { display: block; width: 100%; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 4px 0; }
  table.changes td:first-child { width: 100%; }
  td, td.num { border-bottom: none; padding: 3px 10px; text-align: left; white-space: normal; }
  td[data-label]::before { content: attr(data-label); display: block; font-size: 11px; color: var(--muted); font-weight: 600; }
  td.rank::before, td.empty { display: none; }
  td.rank { font-weight: 600; }
}
.sample { display: block; white-space: pre-wrap; word-break: break-all; background: var(--soft); padding: 4px 6px; border-radius: 4px; margin-top: 4px; color: #343a40; }
ul.evidence { margin: 4px 0 0; padding-left: 18px; } details summary { cursor: pointer; color: var(--muted); }
`;
