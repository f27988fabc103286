/** Links from a report to where a deploy came from: its commit and its CI run. */
import { ciRunUrl, commitUrl, type DeployLinkTemplates, type LinkableDeploy } from '../../../lambdas/core/deploys';
import { escapeHtml } from './escape';

/**
 * URL templates for deploy links: the `links` setting of culprit.config.json. Placeholders and how they are filled
 * are core's (lambdas/core/deploys/deploy-links.ts), the same the settings check.
 * e.g. `{ commit: 'https://github.com/ORG/REPO/commit/{commit}' }`
 */
export type ReportLinks = DeployLinkTemplates;

/** `<a>` for an external URL (escaped; opens a new tab without giving it this page). */
export function externalLink(url: string, html: string): string {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${html}</a>`;
}

/** The commit (linked when a template is given) and the CI run link of a deploy, as short inline HTML. */
export function deployLinks(deploy: LinkableDeploy, links: ReportLinks): string {
  const parts: string[] = [];
  if (deploy.commit !== undefined) {
    const code = `<code>${escapeHtml(deploy.commit.length > 12 ? deploy.commit.slice(0, 12) : deploy.commit)}</code>`;
    const url = commitUrl(deploy, links);
    parts.push(`commit ${url === undefined ? code : externalLink(url, code)}`);
  }
  const run = ciRunUrl(deploy, links);
  if (run !== undefined) parts.push(externalLink(run, 'CI run'));
  return parts.join(' · ');
}
