/**
 * The fast-check side of the grammar fuzz: a program is its configuration (language, semicolon
 * style, directive, module flavour) and its lists of choices, which fast-check generates and
 * shrinks; the grammar (program.ts) turns them into text.
 */
import fc from 'fast-check';
import type { ProgramConfig } from './context.js';
import type { ProgramInput } from './program.js';

const choices = (maxLength: number): fc.Arbitrary<number[]> => fc.array(fc.nat({ max: 0xffff }), { maxLength, size: 'max' });

function configArbitrary(lang: 'js' | 'ts'): fc.Arbitrary<ProgramConfig> {
  return fc.record({
    lang: fc.constant(lang),
    style: fc.constantFrom('always', 'guarded', 'hazard'),
    directive: fc.constantFrom('none', 'semi', 'bare'),
    // ES modules go through the TypeScript compiler, twice per case, as TypeScript does: a tenth of the JavaScript is enough.
    esm: lang === 'js' ? fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) : fc.constant(false),
    breakChains: fc.boolean(),
  });
}

export function programInput(lang: 'js' | 'ts'): fc.Arbitrary<ProgramInput> {
  return fc.record({
    config: configArbitrary(lang),
    head: choices(32),
    statements: fc.array(choices(160), { minLength: 1, maxLength: 8, size: 'max' }),
  });
}
