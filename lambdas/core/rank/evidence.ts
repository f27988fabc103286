import type { Anomaly } from '../detect';
import type { Deploy } from '../schemas';
import type { SuspectFeatures } from './features';
import { formatClock, formatDuration, formatPercent, quoteTemplate } from './format';
import type { IncidentView } from './incident-view';

/** A lag from deploy to first anomaly at which the evidence calls the fault delayed. */
const DELAYED_MS = 10 * 60_000;

/** Describes one anomaly in a clause: what changed, in words. */
export function describeAnomaly(a: Anomaly): string {
  const t = quoteTemplate(a.template);
  switch (a.kind) {
    case 'new':
      return `a new ${a.error ? 'error ' : ''}template ${t} (${a.observed} lines)`;
    case 'drop':
      return `the steady template ${t} went silent (${Math.round(a.expected)} lines expected, none seen)`;
    case 'spike':
    case 'error-surge': {
      const ratio = a.expected > 0 ? Math.round(a.observed / a.expected) : a.observed;
      return `${a.kind === 'spike' ? 'the template' : 'the error template'} ${t} rose ${ratio}× (${a.observed} lines, ${Math.round(a.expected)} expected)`;
    }
  }
}

/** One sentence per factor, ordered by how much the factor moved the score. */
export function explainSuspect(
  deploy: Deploy,
  f: SuspectFeatures,
  factors: Readonly<Record<string, number>>,
  view: IncidentView,
  deploys: readonly Deploy[] = [],
): string[] {
  const s = deploy.service;
  const sentences: Array<{ weight: number; text: string }> = [];
  const add = (factor: string, text: string, bias = 0): void => {
    sentences.push({ weight: Math.abs(factors[factor] ?? 0) + bias, text });
  };
  const first = f.firstAfter;
  if (f.through !== undefined && first !== undefined) {
    const { caller, how } = f.through;
    const link =
      how === 'named'
        ? `${caller}'s errors name ${s} (${describeAnomaly(first)})`
        : `${caller} depends on ${s} (declared in dependsOn) and fails`;
    add(
      'dependency',
      `${s} itself logged nothing new after this deploy, but ${link} from ${formatClock(first.firstSeen)}, ${formatDuration(f.lagMs ?? 0)} after it: blamed through the dependency ${caller} → ${s}.`,
      20,
    );
  }
  if (view.incident.nature === 'behaviour-change') {
    add(
      'strength',
      `Only new non-error templates: ${view.incident.services.join(', ')} changed behaviour, nothing indicates a fault, so no deploy is blamed.`,
      15,
    );
  }
  if (first !== undefined && (f.lagMs ?? 0) >= DELAYED_MS) {
    const others = deploys.filter(
      (d) => d.id !== deploy.id && d.timestamp > deploy.timestamp && d.timestamp <= first.firstSeen,
    );
    add(
      'lag',
      `A delayed fault: the first anomaly came ${formatDuration(f.lagMs ?? 0)} after this deploy${
        others.length === 0
          ? ', with no other deploy in between.'
          : `; ${others.length} other deploy${others.length === 1 ? '' : 's'} in between (${others.map((d) => d.service).join(', ')}) explain it less well.`
      }`,
      5,
    );
  }
  if (first === undefined) {
    add('silent', `${s} shows no anomaly after this deploy.`);
  } else if (f.through === undefined) {
    const sustained =
      first.buckets >= 4
        ? `sustained over ${first.buckets} minutes`
        : `seen in ${first.buckets} minute${first.buckets === 1 ? '' : 's'} only`;
    add(
      'strength',
      `${s}'s first anomaly came ${formatDuration(f.lagMs ?? 0)} after the deploy: ${describeAnomaly(first)} at ${formatClock(first.firstSeen)}, ${sustained}.`,
      10,
    );
    if (f.after.length > 1) {
      add(
        'share',
        `${s} has ${f.after.length} anomalies after the deploy, ${formatPercent(f.share)} of the incident's anomaly weight.`,
      );
    } else {
      add('share', `${s}'s anomalies are ${formatPercent(f.share)} of the incident's anomaly weight.`);
    }
    const others = view.incident.services.filter((x) => x !== s);
    if (!f.significant) {
      add('late', `${s}'s anomalies after the deploy are all weak, so it did not start the incident.`);
    } else if ((f.originDelayMs ?? 0) <= 0 && view.originServices.includes(s) && others.length > 0) {
      add('late', `${s} showed anomalies first; ${others.join(', ')} followed, as in a cascade starting at ${s}.`, 1);
    } else if ((f.originDelayMs ?? 0) > 0) {
      const origin = view.originServices.filter((x) => x !== s).join(', ') || 'another service';
      add(
        'late',
        `${s}'s anomalies began ${formatDuration(f.originDelayMs ?? 0)} after the incident started in ${origin}, so ${s} looks downstream.`,
      );
    }
  }
  const earliest = f.before[0];
  if (earliest !== undefined) {
    add(
      'preexisting',
      `${s} was already anomalous ${formatDuration(deploy.timestamp - earliest.firstSeen)} before this deploy (${describeAnomaly(earliest)}), so the deploy cannot have caused that.`,
    );
  }
  if (f.underway > 0 && earliest === undefined) {
    add(
      'underway',
      `The incident was already under way before this deploy: it began ${formatDuration(deploy.timestamp - view.incident.start)} earlier, and ${formatPercent(f.underway)} of its anomaly weight started before the deploy.`,
    );
  }
  if (f.supersededBy !== undefined) {
    add(
      'superseded',
      `A later deploy of ${s} (${f.supersededBy.id}${f.supersededBy.version === undefined ? '' : `, ${f.supersededBy.version}`}, at ${formatClock(f.supersededBy.timestamp)}) came between this one and the anomalies.`,
    );
  }
  if (f.pointsElsewhere !== undefined) {
    const other = f.pointsElsewhere.deploy;
    add(
      'pointsElsewhere',
      `${s}'s errors name ${other.service}, deployed after this one (${other.id}${other.version === undefined ? '' : `, ${other.version}`}, at ${formatClock(other.timestamp)}): they point at that change rather than at ${s}'s own.`,
    );
  }
  if (f.shift !== undefined) {
    const d = f.shift.divergence.toFixed(2);
    const text =
      (factors.mixShift ?? 0) > 0.2
        ? `${s}'s template mix changed across the deploy (divergence ${d}; ${formatPercent(f.shift.novel)} of lines after it came from templates absent before, ${formatPercent(f.shift.vanished)} of lines before from templates absent after).`
        : `${s}'s template mix barely changed across the deploy (divergence ${d}).`;
    add('mixShift', text);
  }
  return sentences.sort((a, b) => b.weight - a.weight).map((x) => x.text);
}

/** Sentences for the "no deploy explains this" side. */
export function explainUnexplained(view: IncidentView, originUndeployed: boolean, hasCandidates: boolean): string[] {
  const out: string[] = [];
  const origin = view.originServices.join(', ');
  if (!hasCandidates) out.push('No deploy falls in the lookback window before the incident.');
  if (originUndeployed) out.push(`The incident starts in ${origin}, which had no deploy in the lookback window.`);
  if (view.strength < 0.5)
    out.push(`Its anomalies are weak or short (strongest score ${view.strength.toFixed(2)}), like a transient burst.`);
  return out;
}
