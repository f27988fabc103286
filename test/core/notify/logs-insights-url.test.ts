import { decodeInsightsFragment, logsInsightsUrl, templateRegex, templatesQuery } from '../../../lambdas/core/notify';
import { T0 } from './verdict-factory';

describe('templateRegex', () => {
  it('escapes the literal parts and turns placeholders into .*', () => {
    expect(templateRegex('Got exception while serving <*> to /<*>:')).toBe(
      'Got\\s+exception\\s+while\\s+serving\\s+.*\\s+to\\s+\\/.*:',
    );
  });

  it('matches the real lines the template came from', () => {
    const regex = new RegExp(templateRegex('<*>:50010:Got exception while serving <*> to <*>'));

    expect(
      regex.test('10.251.30.85:50010:Got exception while serving blk_-2918118818249673980 to /10.251.90.64:'),
    ).toBe(true);
  });
});

describe('logsInsightsUrl', () => {
  const link = {
    region: 'eu-west-1',
    logGroups: ['/ecs/checkout', '/aws/lambda/pay-ments'],
    start: T0,
    end: T0 + 600_000,
    query: templatesQuery(['PacketResponder <*> for block <*> terminating']),
  };

  it("points at the region's CloudWatch console, Logs Insights page", () => {
    expect(logsInsightsUrl(link)).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights\$3FqueryDetail\$3D/,
    );
  });

  it('keeps the fragment free of characters a browser or Slack would rewrite', () => {
    const fragment = logsInsightsUrl(link).split('#')[1] ?? '';

    expect(fragment).toMatch(/^logsV2:logs-insights[A-Za-z0-9$*.-]+$/);
  });

  it('encodes the query, window and log groups so the console reads them back exactly', () => {
    const decoded = decodeInsightsFragment(logsInsightsUrl(link));

    expect(decoded).toBe(
      "?queryDetail=~(end~'2024-03-05T10:10:00.000Z~start~'2024-03-05T10:00:00.000Z~timeType~'ABSOLUTE~tz~'UTC" +
        `~editorString~'${link.query}~source~(~'/ecs/checkout~'/aws/lambda/pay-ments))`,
    );
  });

  it("writes the console's own encoding: values as *XX inside, $25 for the escaped structure", () => {
    const url = logsInsightsUrl({ ...link, logGroups: ['/a'], query: 'fields @message' });

    expect(url).toContain('$257Esource$257E$2528$257E$2527*2Fa$2529$2529');
    expect(url).toContain('$257EeditorString$257E$2527fields*20*40message');
  });
});

describe('templatesQuery', () => {
  it('filters on every template, newest lines first, bounded', () => {
    expect(templatesQuery(['a <*>', 'b'])).toBe(
      'fields @timestamp, @logStream, @message\n| filter @message like /a\\s+.*/ or @message like /b/\n| sort @timestamp desc\n| limit 200',
    );
  });
});
