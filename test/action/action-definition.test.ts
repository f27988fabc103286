/** action.yml and the example workflow parse as YAML and agree with the script they run. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '../..');

interface ActionDefinition {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; shell?: string; run?: string; env?: Record<string, string> }[] };
}

const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as ActionDefinition;
const script = readFileSync(path.join(REPO, 'action/record-deploy.js'), 'utf8');

describe('action.yml', () => {
  it('is a composite action whose only required inputs are the service and the version', () => {
    expect(action.runs.using).toBe('composite');
    const required = Object.entries(action.inputs).filter(([, input]) => input.required === true);
    expect(required.map(([name]) => name)).toEqual(['service', 'version']);
  });

  it('passes every input to the script through the environment, never into the script text', () => {
    const [step] = action.runs.steps;
    const passed = Object.values(step?.env ?? {});
    const names = Object.keys(step?.env ?? {});

    for (const input of Object.keys(action.inputs)) expect(passed).toContain(`\${{ inputs.${input} }}`);
    for (const name of names) expect(script).toContain(`'${name.replace(/^CULPRIT_/, '')}'`);
    expect(step?.run).toBe('node "$GITHUB_ACTION_PATH/action/record-deploy.js"');
    expect(step?.run).not.toContain('${{');
  });

  it('exposes the outputs the script writes', () => {
    const expression = (name: string): string => `\${{ steps.record.outputs.${name} }}`;
    expect(action.outputs['deploy-id']?.value).toBe(expression('deploy-id'));
    expect(action.outputs['event-id']?.value).toBe(expression('event-id'));
    expect(script).toContain('deploy-id=');
    expect(script).toContain('event-id=');
  });
});

describe('the example workflow', () => {
  it('records the deploy with the action, then runs the gate, with OIDC credentials', () => {
    const workflow = parse(readFileSync(path.join(REPO, 'examples/github-actions/deploy.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const record = steps.findIndex((step) => step.uses?.endsWith('/culprit@v0.1.0') === true);
    const gate = steps.findIndex((step) => step.run?.includes('culprit-verify-deploy.sh') === true);

    expect(workflow.permissions['id-token']).toBe('write');
    expect(record).toBeGreaterThan(0);
    expect(Object.keys(steps[record]?.with ?? {})).toEqual(expect.arrayContaining(['service', 'version']));
    expect(gate).toBeGreaterThan(record);
  });
});
