import { describe, expect, it } from 'vitest';
import { parseFromWebview } from '../../src/panel/messages.js';

describe('parseFromWebview', () => {
  it('accepts the messages the page sends', () => {
    expect(parseFromWebview({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseFromWebview({ type: 'sort', sort: { key: 'sharedMax', direction: 'ascending' } })).toEqual({
      type: 'sort',
      sort: { key: 'sharedMax', direction: 'ascending' },
    });
    expect(parseFromWebview({ type: 'page', page: 3 })).toEqual({ type: 'page', page: 3 });
    expect(parseFromWebview({ type: 'reveal', uri: 'file:///a.ts', line: 4, column: 2, preserveFocus: true })).toEqual({
      type: 'reveal',
      uri: 'file:///a.ts',
      line: 4,
      column: 2,
      preserveFocus: true,
    });
  });

  it('moves the focus to the editor unless the page asks to keep it', () => {
    expect(parseFromWebview({ type: 'reveal', uri: 'file:///a.ts', line: 1, column: 1 })).toMatchObject({ preserveFocus: false });
    expect(parseFromWebview({ type: 'reveal', uri: 'file:///a.ts', line: 1, column: 1, preserveFocus: 'yes' })).toMatchObject({ preserveFocus: false });
  });

  it.each([
    ['not an object', 'ready'],
    ['null', null],
    ['an unknown type', { type: 'run' }],
    ['a sort by an unknown column', { type: 'sort', sort: { key: 'uri', direction: 'ascending' } }],
    ['a sort without a direction', { type: 'sort', sort: { key: 'kind' } }],
    ['a sort without an order', { type: 'sort' }],
    ['a negative page', { type: 'page', page: -1 }],
    ['a fractional page', { type: 'page', page: 1.5 }],
    ['a reveal without a uri', { type: 'reveal', uri: '', line: 1, column: 1 }],
    ['a reveal of line 0 (no file)', { type: 'reveal', uri: 'file:///a.ts', line: 0, column: 1 }],
    ['a reveal with a text line', { type: 'reveal', uri: 'file:///a.ts', line: '3', column: 1 }],
  ])('rejects %s', (_, message) => {
    expect(parseFromWebview(message)).toBeUndefined();
  });
});
