import {
  DEPLOY_LINK_PLACEHOLDERS,
  ciRunUrl,
  commitUrl,
  fillDeployLink,
  type LinkableDeploy,
} from '../../../lambdas/core/deploys';
import { parseSettings } from '../../../lambdas/core/settings';

const deploy: LinkableDeploy = {
  id: 'dpl 7/1',
  service: 'check out',
  version: 'v1.2+build.5',
  commit: 'ab93e44f6c4b1234',
};

describe('deploy links', () => {
  it('fills every placeholder the links setting accepts from the deploy field of that name, URI-encoded', () => {
    for (const name of DEPLOY_LINK_PLACEHOLDERS) {
      // Prepare: a template the settings accept (so the report and the settings can never disagree on a name).
      const template = `https://ci.example.com/x/{${name}}`;
      const accepted = parseSettings('file', { links: { ciRun: template } }, 'test').links.ciRun;

      // Act
      const url = fillDeployLink(accepted ?? '', deploy);

      // Assess
      expect(url).toBe(`https://ci.example.com/x/${encodeURIComponent(deploy[name] ?? '')}`);
    }
  });

  it('gives no link when the deploy lacks a value the template needs, rather than a half-filled one', () => {
    expect(fillDeployLink('https://ci.example.com/{service}/{version}', { id: 'd1', service: 'api' })).toBeUndefined();
    expect(fillDeployLink('https://ci.example.com/{service}/{version}', { ...deploy, version: '' })).toBeUndefined();
    expect(fillDeployLink('https://ci.example.com/{sha}', deploy)).toBeUndefined();
  });

  it('links a commit only when the deploy has one and a commit template is set', () => {
    const links = { commit: 'https://github.com/acme/shop/commit/{commit}' };

    expect(commitUrl(deploy, links)).toBe('https://github.com/acme/shop/commit/ab93e44f6c4b1234');
    expect(commitUrl({ id: 'd2', service: 'api' }, links)).toBeUndefined();
    expect(commitUrl(deploy, {})).toBeUndefined();
  });

  it('prefers the deploy’s own CI run URL to the template, but never a non-web one', () => {
    const links = { ciRun: 'https://ci.example.com/{service}/{version}' };

    expect(ciRunUrl({ ...deploy, url: 'https://github.com/acme/shop/actions/runs/42' }, links)).toBe(
      'https://github.com/acme/shop/actions/runs/42',
    );
    expect(ciRunUrl({ ...deploy, url: 'javascript:alert(1)' }, links)).toBe(
      'https://ci.example.com/check%20out/v1.2%2Bbuild.5',
    );
    expect(ciRunUrl({ ...deploy, url: 'javascript:alert(1)' }, {})).toBeUndefined();
  });
});
