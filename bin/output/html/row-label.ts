/**
 * The text a report row shows for a template: its message. Header parsing usually leaves the logger out of the
 * template already; when a logger or thread is still in front (a layout the parser did not know), it would fill
 * the short label with `o.s.web.servlet.DispatcherServlet` and hide what happened, so it goes to the tooltip.
 */
const LEADING_THREADS = /^(?:\[[^\]]{1,80}\]\s*)+/;
// A qualified name (`com.shop.Payment`, `o.s.w.DispatcherServlet`, `app/worker`), then Spring's ` : `, or `: `/` - `.
const LEADING_LOGGER = /^[A-Za-z_$][\w$]*(?:[./$][A-Za-z_$<][\w$<>]*)+\s*(?: : |: | - )\s*/;

export function rowLabel(template: string): string {
  const withoutThreads = template.replace(LEADING_THREADS, '');
  const message = withoutThreads.replace(LEADING_LOGGER, '');
  return message.trim() === '' ? template : message;
}
