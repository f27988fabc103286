/**
 * `npm ci` warns (EBADENGINE) when a locked package declares a Node.js range that leaves out a version this package
 * supports. The lockfile records every package's `engines`, so the check needs no install: each supported line's
 * lowest version (package.json `engines`) must be accepted by every locked package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Range, minVersion, satisfies } from 'semver';

const ROOT = path.resolve(__dirname, '../..');

interface LockedPackage {
  readonly version?: string;
  /** Very old packages wrote `engines` as an array of strings, which npm does not check. */
  readonly engines?: { readonly node?: unknown } | unknown[];
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** The lowest version of each `||` alternative of a range: `^20.19.0 || >=24` gives 20.19.0 and 24.0.0. */
function lowestOfEachLine(range: string): string[] {
  return new Range(range).set.map((comparators) => {
    const lowest = minVersion(new Range(comparators.map((comparator) => comparator.value).join(' ')));
    if (lowest === null) throw new Error(`no version satisfies ${range}`);
    return lowest.version;
  });
}

describe('the locked dependencies', () => {
  const supported = lowestOfEachLine(manifest.engines.node);

  it('are checked against every supported Node.js line', () => {
    expect(supported).toEqual(['20.19.0', '22.12.0', '24.0.0']);
  });

  it('all accept every supported Node.js version, so npm ci prints no engine warning', () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, locked]) => {
      const node = locked.engines === undefined || Array.isArray(locked.engines) ? undefined : locked.engines.node;
      if (where === '' || typeof node !== 'string') return [];
      const refused = supported.filter((version) => !satisfies(version, node));
      return refused.length === 0
        ? []
        : [`${where}@${locked.version} needs node ${node}, refuses ${refused.join(', ')}`];
    });

    expect(refusing).toEqual([]);
  });
});
