/**
 * The large incident the analyze benchmarks read: six services over a timeline long enough for a given number
 * of lines, written as the CLI reads it (one file per service), and optionally as one JSON Lines file of every
 * service interleaved in time order, as `aws logs` exports of several log groups look.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { type IncidentKind, type Scenario, generateScenario, planScenario } from '../scenarios';

export const BENCH_SCENARIO_DEFAULTS = {
  services: 6,
  rate: { min: 20, max: 50 },
} as const;

/** Timeline length that makes the planned services print about `lines` lines. */
export function minutesFor(lines: number, seed: string, kind: IncidentKind): number {
  let minutes = 240;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const spec = planScenario({
      seed,
      kind,
      durationMinutes: minutes,
      services: { min: BENCH_SCENARIO_DEFAULTS.services, max: BENCH_SCENARIO_DEFAULTS.services },
      rate: BENCH_SCENARIO_DEFAULTS.rate,
    });
    const expected = spec.services.reduce((sum, service) => sum + service.baseRate, 0) * minutes * 60;
    if (expected >= lines * 1.03) return minutes;
    minutes = Math.ceil((minutes * lines * 1.08) / expected);
  }
  return minutes;
}

/** The scenario of about `lines` lines. */
export function benchScenario(lines: number, seed: string, kind: IncidentKind): Scenario {
  return generateScenario({
    seed,
    kind,
    durationMinutes: minutesFor(lines, seed, kind),
    services: { min: BENCH_SCENARIO_DEFAULTS.services, max: BENCH_SCENARIO_DEFAULTS.services },
    rate: BENCH_SCENARIO_DEFAULTS.rate,
  });
}

/**
 * Writes the first `lines` events of `scenario` (all services, time order) to `file` as JSON Lines records
 * `{"timestamp": epoch ms, "logGroup", "logStream", "message"}`; returns the lines and bytes written.
 */
export function writeInterleavedJsonLines(
  scenario: Scenario,
  file: string,
  lines: number,
): { lines: number; bytes: number } {
  const fd = openSync(file, 'w');
  let buffer = '';
  let written = 0;
  let bytes = 0;
  try {
    for (const event of scenario.events()) {
      if (written >= lines) break;
      const stream = `${event.service}/${event.service}/${(written % 3).toString(16).padStart(32, '0')}`;
      buffer += `${JSON.stringify({ timestamp: event.timestamp, logGroup: event.service, logStream: stream, message: event.message })}\n`;
      written += 1;
      if (buffer.length >= 1 << 20) {
        bytes += writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) bytes += writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { lines: written, bytes };
}
