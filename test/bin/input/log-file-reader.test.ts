import { detectFormat, serviceFromFileName } from '../../../bin/input/log-file-reader';

describe('detectFormat', () => {
  it.each([
    ['app.jsonl', 'anything', 'json-lines'],
    ['app.ndjson', undefined, 'json-lines'],
    ['export.json', '{', 'json-document'],
    ['export.json', '{"events":[],"searchedLogStreams":[]}', 'json-document'],
    ['export.json', '[', 'json-document'],
    ['records.json', '{"timestamp":"2024-03-12T08:00:00Z","message":"up"}', 'json-lines'],
    ['app.log', '{"timestamp":"2024-03-12T08:00:00Z","message":"up"}', 'json-lines'],
    ['app.log', '2015-07-29 17:41:44,747 - INFO  [main] - up', 'text'],
    ['app.txt', undefined, 'text'],
    ['no-extension', '  {"timestamp":1,"message":"up"}', 'json-lines'],
  ])('reads %s starting with %j as %s', (file, firstLine, format) => {
    expect(detectFormat(file, firstLine)).toBe(format);
  });
});

describe('serviceFromFileName', () => {
  it.each([
    ['/var/log/checkout.log', 'checkout'],
    ['logs/checkout.log.1', 'checkout'],
    ['logs/block-store.jsonl', 'block-store'],
    ['logs/api.v2.json', 'api.v2'],
    ['logs/.hidden', '.hidden'],
    ['logs/Makefile', 'Makefile'],
  ])('names the service of %s %s', (file, service) => {
    expect(serviceFromFileName(file)).toBe(service);
  });
});
