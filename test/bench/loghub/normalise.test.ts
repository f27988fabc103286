import { alignWithNullValues, collapseWildcards, matchTemplate, normaliseTemplate } from '../../../bench/loghub';

describe('normaliseTemplate', () => {
  it('writes typed masks and Drain wildcards alike as <*>', () => {
    expect(normaliseTemplate('Received block blk_<NUM> of size <NUM> from <IP>')).toBe(
      'Received block blk_<*> of size <*> from <*>',
    );
  });

  it('collapses variables separated only by a dot, a colon, a space or nothing, as loghub-2.0 does', () => {
    expect(collapseWildcards('Received connection request <*>:<*>')).toBe('Received connection request <*>');
    expect(collapseWildcards('version <*>.<*>.<*>')).toBe('version <*>');
    expect(collapseWildcards('at <*> <*> <*> end')).toBe('at <*> end');
    expect(collapseWildcards('<NUM>'.replace('<NUM>', '<*><*>'))).toBe('<*>');
  });

  it('keeps variables glued to constant text and variables separated by other punctuation', () => {
    expect(normaliseTemplate('blk_<*> to <*>/<*>')).toBe('blk_<*> to <*>/<*>');
  });

  it('normalises white space runs and trims the ends', () => {
    expect(normaliseTemplate('  clusterAddMember  (command <NUM>) ')).toBe('clusterAddMember (command <*>)');
  });

  it('drops a variable that is empty in the line it describes (loghub-2.0 align_with_null_values)', () => {
    // Prepare: a real Linux line whose host name in parentheses is empty
    const line = 'connection from 202.82.200.188 () at Thu Jul  7 16:33:52 2005';

    // Act
    const aligned = alignWithNullValues('connection from <*> (<*>) at <*>', line);

    // Assess
    expect(aligned).toBe('connection from <*> () at <*>');
    expect(normaliseTemplate('connection from <*> (<*>) at <*>', line)).toBe('connection from <*> () at <*>');
  });

  it('leaves a template unchanged when it does not describe the line', () => {
    expect(alignWithNullValues('session opened for user <*>', 'something else')).toBe('session opened for user <*>');
  });
});

describe('matchTemplate', () => {
  it('returns the variable values, letting single spaces in the template match runs of spaces', () => {
    expect(matchTemplate('clusterAddMember (command <*>)', 'clusterAddMember  (command 1902)')).toEqual(['1902']);
  });
});
