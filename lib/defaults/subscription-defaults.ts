/** CloudWatch Logs subscription settings. */
export const SUBSCRIPTION_DEFAULTS = {
  /**
   * Up to this many log groups, each gets its own invoke permission scoped to that group. Beyond it,
   * one permission covers the account's log groups in this region, because a Lambda resource policy is
   * capped at 20 KB (about 50 such statements) and deploys would start failing.
   */
  perLogGroupPermissionLimit: 20,
} as const;
