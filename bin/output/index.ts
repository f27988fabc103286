export {
  formatJsonReport,
  toJsonReport,
  type JsonAnomaly,
  type JsonIncident,
  type JsonLogChange,
  type JsonReport,
  type JsonSuspect,
} from './json-report';
export { formatSummary, SUMMARY_DEFAULTS } from './summary-report';
export {
  renderHtmlReport,
  HTML_REPORT_DEFAULTS,
  type HtmlReportOptions,
  type SeriesSource,
  type TemplateSeries,
} from './html-report';
export { escapeText } from './escape-text';
export { LineGroups, type FinalTemplates, type LineGroupRecord } from './line-groups';
