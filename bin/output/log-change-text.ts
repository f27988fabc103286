import type { LogChange } from '../../lambdas/core/analysis';
import { formatClock, quoteTemplate } from '../../lambdas/core/rank';

/** Who reworded a template, in words. */
function madeBy(change: Extract<LogChange, { kind: 'rewording' }>): string {
  const d = change.deploy;
  if (d === undefined) return 'with no deploy of the service near it';
  return `by deploy ${d.id}${d.version === undefined ? '' : ` (${d.version})`} at ${formatClock(d.timestamp)}, not blamed`;
}

/** One sentence for a change in the logs that was explained and set aside, for the summary and the HTML report. */
export function describeLogChange(c: LogChange): string {
  return c.kind === 'rewording'
    ? `${c.service} from ${formatClock(c.at)}: ${quoteTemplate(c.from)} was reworded to ${quoteTemplate(c.to)} ${madeBy(c)}.`
    : `${c.service} from ${formatClock(c.at)}: traffic at ${c.factor}× its usual rate raised ${c.templates.length} template${c.templates.length === 1 ? '' : 's'} with it: load, not a fault.`;
}
