/**
 * Runs before every suite (jest.config.js `setupFiles`).
 *
 * The AWS SDK prints a 9-line notice under Node 20 (its releases after January 2027 need Node 22), once per suite
 * that loads a client: the CLI silences it the same way (bin/culprit.ts). Set the variable to anything else to see it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
