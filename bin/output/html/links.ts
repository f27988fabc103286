/** Links from a report to where a deploy came from: its commit and its CI run. */
import { escapeHtml } from './escape';

/**
 * URL templates for deploy links. Placeholders `{commit}`, `{version}` and `{service}` are replaced by the deploy's
 * values (URI-encoded); a template whose placeholder the deploy lacks gives no link.
 * e.g. `{ commit: 'https://github.com/ORG/REPO/commit/{commit}' }`
 */
export interface ReportLinks {
  /** @default undefined (commits shown as text) */
  readonly commit?: string | undefined;
  /** Used when the deploy has no `url` of its own. @default undefined (only the deploy's own `url`) */
  readonly ciRun?: string | undefined;
}

interface Linkable {
  readonly service: string;
  readonly version?: string | undefined;
  readonly commit?: string | undefined;
  readonly url?: string | undefined;
}

/** Only web links: a `javascript:` or `data:` URL from a deploy file must never become a clickable link. */
function safeUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

function fill(template: string, deploy: Linkable): string | undefined {
  let missing = false;
  const url = template.replace(/\{(commit|version|service)\}/g, (_, key: 'commit' | 'version' | 'service') => {
    const value = deploy[key];
    if (value === undefined || value === '') missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : safeUrl(url);
}

export function commitUrl(deploy: Linkable, links: ReportLinks): string | undefined {
  return deploy.commit === undefined || links.commit === undefined ? undefined : fill(links.commit, deploy);
}

export function ciRunUrl(deploy: Linkable, links: ReportLinks): string | undefined {
  const own = deploy.url === undefined ? undefined : safeUrl(deploy.url);
  return own ?? (links.ciRun === undefined ? undefined : fill(links.ciRun, deploy));
}

/** `<a>` for an external URL (escaped; opens a new tab without giving it this page). */
export function externalLink(url: string, html: string): string {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${html}</a>`;
}

/** The commit (linked when a template is given) and the CI run link of a deploy, as short inline HTML. */
export function deployLinks(deploy: Linkable, links: ReportLinks): string {
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
