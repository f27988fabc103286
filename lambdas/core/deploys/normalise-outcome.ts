import type { Deploy } from '../schemas';

/** What the normaliser made of one event. */
export type NormaliseOutcome =
  /** The event is a finished deploy. */
  | { readonly kind: 'deploy'; readonly deploy: Deploy }
  /**
   * A recognised event that is not a finished deploy (a failed API call, a stack that is still
   * updating). The EventBridge rules filter these out already; this is the second line of defence.
   */
  | { readonly kind: 'ignored'; readonly reason: string };
