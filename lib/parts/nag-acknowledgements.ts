import { Validations } from 'aws-cdk-lib';
import type { CulpritFunction } from './culprit-function';

export interface NagSubjects {
  readonly functions: readonly CulpritFunction[];
}

/**
 * cdk-nag (AwsSolutions) findings Culprit keeps on purpose, each with its reason. Any other finding
 * fails synth and the dedicated test (test/lib/culprit-nag.test.ts).
 */
export function acknowledgeNagFindings(subjects: NagSubjects): void {
  for (const fn of subjects.functions) {
    Validations.of(fn.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the handlers, Powertools and the AWS SDK are built and tested for Node 22 ' +
        '(bundled with esbuild target node22); moving to a newer runtime is a deliberate, tested change, not an automatic one.',
    });
  }
}
