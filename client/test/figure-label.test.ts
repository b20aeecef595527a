import { describe, expect, it } from 'vitest';
import { copyPointLabel, figureLabel } from '../src/figure-label.js';

const site = { executions: 0, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0 };

describe('figureLabel', () => {
  it('shows every part, in order, when all matter', () => {
    expect(figureLabel({ executions: 1234, materialized: 3, eager: 40, bytesCopied: 1_100_000, bytesSaved: 48_000_000, sharedMax: 1000 }, 'cow')).toBe(
      '⧉ 1.2k copies · 3 written · 40 eager · saved 48 MB · shared ×1.0k',
    );
  });

  it('always says how many were written, even none', () => {
    expect(figureLabel({ ...site, executions: 12, bytesSaved: 4800, sharedMax: 12 }, 'cow')).toBe('⧉ 12 copies · 0 written · saved 4.8 kB · shared ×12');
  });

  it('leaves out a zero saving and sharing by one value alone', () => {
    expect(figureLabel({ ...site, executions: 1, materialized: 1, bytesCopied: 80, sharedMax: 1 }, 'cow')).toBe('⧉ 1 copy · 1 written');
  });

  it('says what copy-on-write would save in observe mode, where every copy was made', () => {
    expect(figureLabel({ ...site, executions: 12, materialized: 2, bytesSaved: 4800, sharedMax: 12 }, 'observe')).toBe('⧉ 12 copies · 2 written · would save 4.8 kB · shared ×12');
  });

  it('says when views cost more than they saved, as the server’s inlay hints and code lenses do', () => {
    expect(figureLabel({ ...site, executions: 2, materialized: 2, bytesCopied: 900, bytesSaved: -120 }, 'cow')).toBe('⧉ 2 copies · 2 written · views cost 120 B more');
  });

  it('counts eager copies apart from written ones, in observe mode as what copy-on-write would make eagerly', () => {
    expect(figureLabel({ ...site, executions: 5, eager: 5, bytesCopied: 900 }, 'observe')).toBe('⧉ 5 copies · 0 written · 5 eager');
    expect(figureLabel({ ...site, executions: 5, materialized: 1, eager: 3, bytesCopied: 900, bytesSaved: 800 }, 'cow')).toBe('⧉ 5 copies · 1 written · 3 eager · saved 800 B');
  });
});

describe('copyPointLabel', () => {
  it('names the site, the count and the bytes', () => {
    expect(copyPointLabel({ count: 3, bytes: 4100 }, 'object-spread', 'src/a.ts:12')).toBe(
      'cowlens copy point: this write forced 3 copies (4.1 kB) of the object-spread at src/a.ts:12',
    );
    expect(copyPointLabel({ count: 1, bytes: 80 }, 'array-slice', 'b.js:1')).toBe('cowlens copy point: this write forced a copy (80 B) of the array-slice at b.js:1');
  });
});
