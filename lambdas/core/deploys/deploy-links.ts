/**
 * Links from a deploy to where it came from (its commit, its CI run), built from URL templates such as
 * `https://github.com/ORG/REPO/commit/{commit}`. One placeholder set, used both where the `links` setting is
 * checked and where a report fills the templates, so a template the settings accept always gets filled.
 */

/** Placeholders a link template may use; each is filled from the deploy's field of the same name. */
export const DEPLOY_LINK_PLACEHOLDERS = ['commit', 'version', 'service', 'id'] as const;

export type DeployLinkPlaceholder = (typeof DEPLOY_LINK_PLACEHOLDERS)[number];

/** URL templates for a deploy's links (the `links` setting). */
export interface DeployLinkTemplates {
  /** Must hold `{commit}`. @default undefined (commits shown as text) */
  readonly commit?: string | undefined;
  /** Used when the deploy has no `url` of its own. @default undefined (only the deploy's own `url`) */
  readonly ciRun?: string | undefined;
}

/** What a link is filled from: a deploy, or a suspect with its deploy id as `id`. */
export interface LinkableDeploy {
  readonly id: string;
  readonly service: string;
  readonly version?: string | undefined;
  readonly commit?: string | undefined;
  /** The deploy's own link (e.g. the CI run that recorded it); wins over the `ciRun` template. */
  readonly url?: string | undefined;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The names between braces in a template, known or not, in order. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

export function isDeployLinkPlaceholder(name: string): name is DeployLinkPlaceholder {
  return (DEPLOY_LINK_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * The URL when it is a plain web link, else undefined: a `javascript:` or `data:` URL from a deploy record must
 * never become something a person clicks.
 */
export function webUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

/**
 * The template with each placeholder replaced by the deploy's value (URI-encoded). Undefined when the deploy
 * lacks a value the template needs, or the template names an unknown placeholder: a half-filled link would lead
 * somewhere wrong.
 */
export function fillDeployLink(template: string, deploy: LinkableDeploy): string | undefined {
  let complete = true;
  const url = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = isDeployLinkPlaceholder(name) ? deploy[name] : undefined;
    if (value === undefined || value === '') complete = false;
    return encodeURIComponent(value ?? '');
  });
  return complete ? webUrl(url) : undefined;
}

/** Link to the deploy's commit, when it has one and a `commit` template is set. */
export function commitUrl(deploy: LinkableDeploy, templates: DeployLinkTemplates): string | undefined {
  return deploy.commit === undefined || templates.commit === undefined
    ? undefined
    : fillDeployLink(templates.commit, deploy);
}

/** Link to the deploy's CI run: its own `url` when that is a web link, else the `ciRun` template filled. */
export function ciRunUrl(deploy: LinkableDeploy, templates: DeployLinkTemplates): string | undefined {
  const own = deploy.url === undefined ? undefined : webUrl(deploy.url);
  return own ?? (templates.ciRun === undefined ? undefined : fillDeployLink(templates.ciRun, deploy));
}
