import { describe, expect, it } from 'vitest';
import { CommandLineError, splitCommandLine } from '../../src/lsp/split-command-line.js';

describe('splitCommandLine', () => {
  it('splits words and reads quotes and escapes', () => {
    expect(splitCommandLine('npm test')).toEqual(['npm', 'test']);
    expect(splitCommandLine(`  node --test "test/a b.test.js" 'x y' c\\ d ""`)).toEqual(['node', '--test', 'test/a b.test.js', 'x y', 'c d', '']);
    expect(splitCommandLine('node "say \\"hi\\"" a&&b')).toEqual(['node', 'say "hi"', 'a&&b']);
    expect(splitCommandLine('node "&&"')).toEqual(['node', '&&']);
  });

  it('refuses what needs a shell, and says what to do', () => {
    expect(() => splitCommandLine('npm run build && npm test')).toThrow(/uses "&&".*npm script/);
    expect(() => splitCommandLine('npm test | tee out')).toThrow(CommandLineError);
    expect(() => splitCommandLine('CI=1 npm test')).toThrow(/environment variable/);
    expect(() => splitCommandLine('node "open')).toThrow(/unclosed " quote/);
    expect(() => splitCommandLine('   ')).toThrow(/empty/);
  });
});
