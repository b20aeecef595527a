/**
 * A whole program from its choices: the file's head (directive prologue, TypeScript's types,
 * lodash and fake-package bindings, top-level shadows of built-ins, aliases of copying built-ins),
 * one top-level statement per list of choices (so that shrinking drops statements cleanly), and
 * a last line that logs every top-level value. Printed in the configured style; in `hazard` style
 * the hazards whose joined lines would not parse are guarded, so that each program runs.
 */
import { ts } from 'ts-morph';
import { type Expr, type Stmt, call, decl, id, log, member, raw, str } from './ast.js';
import { BUILTINS, type Builtin, Ctx, DATA_TYPES, type ProgramConfig } from './context.js';
import { Draw } from './draw.js';
import { printProgram } from './print.js';
import { compilesAsBody } from './run-program.js';
import { classFake, fakeValue, shadowUse } from './shadowing.js';
import { statement } from './statements.js';

export interface ProgramInput {
  readonly config: ProgramConfig;
  readonly head: readonly number[];
  readonly statements: readonly (readonly number[])[];
}

export interface Program {
  readonly file: string;
  readonly source: string;
  /** Whether the printed program parses (a program of the grammar always should). */
  readonly parses: boolean;
  /** Hazards left unguarded (lines that continue the line before them). */
  readonly unguarded: number;
}

/** A top-level binding of a built-in declared at a statement's place rather than in the head. */
interface Placed {
  readonly name: Builtin;
  readonly at: number;
  readonly form: 'var' | 'function' | 'class' | 'global' | 'namespace' | 'enum';
}

/**
 * TypeScript namespaces that stand for a built-in (a `var` and an IIFE: undefined before their
 * statement). An enum named Map or Set is an object, not a constructor.
 */
const NAMESPACE_FAKES: Partial<Record<Builtin, string>> = {
  JSON: 'export const parse = (t: any) => t; export const stringify = (v: any) => v',
  Object: 'export const assign = (t: any, s: any) => s',
  Array: 'export function from(s: any) { return s }',
  _: 'export const clone = (v: any) => v, cloneDeep = (v: any) => [v]',
  globalThis: 'export const structuredClone = (v: any) => v',
};

/** Built-ins a program replaces on the global object (the harness puts them back after the run). */
const GLOBAL_REPLACEMENTS: readonly (readonly [Builtin, string])[] = [
  ['structuredClone', 'globalThis.structuredClone = (v) => v'],
  ['Object', 'Object.assign = (target, source) => source'],
  ['Array', 'Array.from = (source) => source'],
  ['JSON', 'JSON.parse = (text) => text'],
];

export function buildProgram(input: ProgramInput): Program {
  const { config } = input;
  const ctx = new Ctx(new Draw(input.head), config);
  const d = ctx.draw;
  const head: Stmt[] = [];
  if (config.directive !== 'none') {
    if (d.chance(15)) head.push({ t: 'directive', text: "'use cowlens'", semi: d.chance(50) });
    head.push({ t: 'directive', text: d.pick(["'use strict'", '"use strict"']), semi: config.directive === 'semi' });
  }
  const modules = config.lang === 'ts' || config.esm;
  if (config.lang === 'ts') head.push({ t: 'verbatim', text: 'type Rec = Record<string, any>' }, { t: 'verbatim', text: 'interface Item { n: number }' });
  head.push(...lodashBinding(ctx, modules));
  const placed: Placed[] = [];
  const shadows = d.weighted([
    [3, 0],
    [2, 1],
    [1, 2],
  ]);
  for (let i = 0; i < shadows; i++) {
    const name = d.pick(BUILTINS);
    // Bound already: by an earlier shadow, or `_` by the program's lodash.
    if (ctx.shadow(name) !== undefined || (name === '_' && ctx.lodash?.namespace === '_')) continue;
    const form = d.weighted<Placed['form'] | 'import' | 'require' | 'const'>([
      [modules ? 3 : 0, 'import'],
      [3, 'require'],
      [2, 'var'],
      [name === 'Map' || name === 'Set' || name === 'structuredClone' || name === 'Error' ? 2 : 0, 'function'],
      [2, 'class'],
      [1, 'const'],
      [GLOBAL_REPLACEMENTS.some(([b]) => b === name) ? 1 : 0, 'global'],
      [config.lang === 'ts' && NAMESPACE_FAKES[name] !== undefined ? 2 : 0, 'namespace'],
      [config.lang === 'ts' && (name === 'Map' || name === 'Set') ? 1 : 0, 'enum'],
    ]);
    if (form === 'import') {
      head.push({ t: 'import', clause: d.pick([`{ ${name} }`, `{ ${name} as ${name} }`]), from: 'fakes' });
      ctx.scope.shadows.set(name, 'fake');
    } else if (form === 'require') {
      head.push(d.chance(50) ? { t: 'decl', kind: 'const', decls: [{ binding: { t: 'object', props: [{ t: 'short', name }] }, init: call(id('require'), [str('fakes')]) }] } : decl('const', name, member(call(id('require'), [str('fakes')]), name)));
      ctx.scope.shadows.set(name, 'fake');
    } else if (form === 'const') {
      head.push(decl(d.pick(['const', 'let'] as const), name, fakeValue(ctx, name)));
      ctx.scope.shadows.set(name, 'fake');
    } else if (form === 'global') {
      // The name stays the global's; its copy forms are written freely, and call the replacement once it is in.
      placed.push({ name, at: d.int(Math.max(1, input.statements.length)), form });
    } else {
      // Hoisted: a `var` is undefined and a class in its dead zone until their statement; a function is there from the start.
      ctx.scope.shadows.set(name, form === 'class' ? 'tdz' : form === 'function' ? 'fake' : 'undefined');
      placed.push({ name, at: d.int(Math.max(1, input.statements.length)), form });
    }
  }
  if (d.chance(30)) {
    const m = ctx.fresh('method');
    head.push(decl('const', m, str(d.pick(['push', 'unshift', 'reverse', 'sort']))));
    ctx.methodNames.push(m);
  }
  head.push(...aliases(ctx));

  const body: Stmt[] = [];
  input.statements.forEach((choices, i) => {
    ctx.draw = new Draw(choices);
    for (const p of placed.filter((q) => q.at === i)) {
      body.push(placedDeclaration(ctx, p));
      if (p.form !== 'function' && p.form !== 'global') ctx.scope.shadows.set(p.name, 'fake');
    }
    // Under a top-level shadow, its copy forms are what the program uses now and then.
    const topShadows = BUILTINS.filter((b) => ctx.scope.shadows.has(b));
    if (topShadows.length > 0 && ctx.draw.chance(25)) body.push(...shadowUse(ctx, ctx.draw.pick(topShadows)));
    body.push(...statement(ctx));
  });
  for (const p of placed.filter((q) => q.at >= input.statements.length)) body.push(placedDeclaration(ctx, p));
  const data = ctx.scope.vars.filter((v) => DATA_TYPES.includes(v.ty));
  if (data.length > 0) body.push(log(...data.map((v) => id(v.name))));
  const steps: Stmt[] = ctx.usesSteps ? [decl('let', 'steps', raw('0'))] : [];
  const program = [...head, ...steps, ...body];
  return print(program, config, fileOf(config));
}

/** A `.js` name for ES modules too: the compiler would keep a `.mjs` file's imports as they are. */
function fileOf(config: ProgramConfig): string {
  return config.lang === 'ts' ? '/virtual/program.ts' : '/virtual/program.js';
}

function placedDeclaration(ctx: Ctx, p: Placed): Stmt {
  if (p.form === 'global') return { t: 'expr', e: raw(GLOBAL_REPLACEMENTS.find(([b]) => b === p.name)![1]) };
  if (p.form === 'var') return decl('var', p.name, fakeValue(ctx, p.name));
  if (p.form === 'namespace') return { t: 'verbatim', text: `namespace ${p.name} { ${NAMESPACE_FAKES[p.name] ?? ''} }` };
  if (p.form === 'enum') return { t: 'verbatim', text: `enum ${p.name} { A, B }` };
  if (p.form === 'function') return { t: 'function', name: p.name, params: [{ binding: { t: 'id', name: 'v' } }], body: [{ t: 'return', e: id('v') }] };
  return { t: 'verbatim', text: `class ${p.name} ${classFake(p.name)}` };
}

/** The program's lodash, by one of the ways a module binds it (or none). */
function lodashBinding(ctx: Ctx, modules: boolean): Stmt[] {
  const d = ctx.draw;
  const req = (m: string): Expr => call(id('require'), [str(m)]);
  const choice = d.int(modules ? 9 : 5);
  switch (choice) {
    case 1:
      ctx.lodash = { namespace: '_', functions: [] };
      return [decl('const', '_', req('lodash'))];
    case 2:
      ctx.lodash = { namespace: 'lodash', functions: [] };
      return [decl('const', 'lodash', req('lodash'))];
    case 3:
      ctx.lodash = { namespace: undefined, functions: ['cloneDeep', 'clone'] };
      return [{ t: 'decl', kind: 'const', decls: [{ binding: { t: 'object', props: [{ t: 'short', name: 'cloneDeep' }, { t: 'short', name: 'clone' }] }, init: req('lodash') }] }];
    case 4:
      ctx.lodash = { namespace: undefined, functions: ['cloneDeep'] };
      return [decl('const', 'cloneDeep', req('lodash/cloneDeep'))];
    case 5:
      ctx.lodash = { namespace: '_', functions: [] };
      return [{ t: 'import', clause: '_', from: 'lodash' }];
    case 6:
      ctx.lodash = { namespace: 'lodash', functions: [] };
      return [{ t: 'import', clause: '* as lodash', from: 'lodash' }];
    case 7:
      ctx.lodash = { namespace: undefined, functions: ['cloneDeep', 'cl'] };
      return [{ t: 'import', clause: '{ cloneDeep, clone as cl }', from: 'lodash' }];
    case 8:
      ctx.lodash = { namespace: undefined, functions: ['clone'] };
      return [{ t: 'import', clause: 'clone', from: 'lodash/clone' }];
    default:
      return [];
  }
}

/** Aliases of the copying built-ins: `const { assign } = Object`, `const sc = structuredClone`. */
function aliases(ctx: Ctx): Stmt[] {
  const d = ctx.draw;
  const out: Stmt[] = [];
  if (d.chance(20) && ctx.free('Object')) {
    out.push({ t: 'decl', kind: 'const', decls: [{ binding: { t: 'object', props: [{ t: 'short', name: 'assign' }] }, init: id('Object') }] });
    ctx.scope.aliases.push({ name: 'assign', of: 'assign' });
  }
  if (d.chance(15) && ctx.free('structuredClone')) {
    out.push(decl('const', 'sc', id('structuredClone')));
    ctx.scope.aliases.push({ name: 'sc', of: 'structuredClone' });
  }
  if (d.chance(15) && ctx.free('Array')) {
    out.push({ t: 'decl', kind: 'const', decls: [{ binding: { t: 'object', props: [{ t: 'short', name: 'push' }] }, init: member(id('Array'), 'prototype') }] });
    ctx.pushAlias = 'push';
  }
  if (d.chance(10) && ctx.free('Array')) {
    out.push({ t: 'decl', kind: 'let', decls: [{ binding: { t: 'id', name: 'from' }, init: member(id('Array'), 'from') }] });
    ctx.scope.aliases.push({ name: 'from', of: 'from' });
  }
  return out;
}

/** Prints the program; guards the first open hazards until the text parses (none are open in `guarded` style). */
function print(program: readonly Stmt[], config: ProgramConfig, file: string): Program {
  const options = { style: config.style, breakChains: config.breakChains };
  const all = printProgram(program, { ...options, guarded: () => false });
  // Parsing is left to the run otherwise (a syntax error there fails the case as a bug of the grammar): it costs.
  if (config.style === 'guarded' || all.hazards === 0) return { file, source: all.text, parses: true, unguarded: 0 };
  for (let guardedUpTo = 0; guardedUpTo <= all.hazards; guardedUpTo++) {
    const { text } = guardedUpTo === 0 ? all : printProgram(program, { ...options, guarded: (i) => i < guardedUpTo });
    if (parses(file, text)) return { file, source: text, parses: true, unguarded: all.hazards - guardedUpTo };
  }
  return { file, source: all.text, parses: false, unguarded: all.hazards };
}

/**
 * Whether the text parses as the instrumenter parses it, and (JavaScript) compiles: the
 * compiler's parser lets through what only V8 rejects (`a?.b = 1`, which joined lines can make).
 * TypeScript is not compiled here (it costs a transpilation): a joined line V8 rejects is then a
 * case where all three runs must fail to compile alike.
 */
function parses(file: string, text: string): boolean {
  const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const errors = (sf as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
  if (errors > 0) return false;
  return kind === ts.ScriptKind.TS || compilesAsBody(text.replace(/^import\s.*$/gm, ''));
}
