import { ts } from 'ts-morph';
import { createCopyMatcher, type CopyMatch } from '../analysis/copy-match.js';
import { isEvolvingArray } from '../analysis/evolving-arrays.js';
import { isNonValueSyntax } from '../analysis/value-position.js';
import { createNameResolver, type NameResolver } from '../analysis/name-resolution.js';
import type { CopyKind } from '../runtime/copy-kinds.js';
import { moduleBindings, BINDINGS_SEPARATOR, RUNTIME_REF, siteRef, locationRef, tempName } from './module-bindings.js';
import { type EncodedSourceMap, Layer, SourceEdits } from './source-edits.js';
import { parseSource } from '../analysis/parse-source.js';
import { scriptKindFor } from '../analysis/script-kind.js';
import { languageOf, type SourceLanguage } from '../analysis/source-language.js';
import { typedModuleBindings } from './typed-module-bindings.js';
import { argumentsLentToPackages, collectPackageBindings } from './package-bindings.js';
import { type WriteTarget, writeTargetsOf } from './write-targets.js';
import { CallStyle, isIterated, notIterableMessage, v8OperandText, wordedByValue } from './v8-operand-text.js';
import { emitLending, emitWrite } from './emit-writes.js';
import { CarriedTargets } from './carried-targets.js';
import { ChainCuts } from './chain-cuts.js';
import { emitGuards, newGuardCandidates, noteGuardCandidate } from './emit-guards.js';
import { proxyTargetOf } from './proxy-targets.js';
import { placesInFile } from './loader-source-map.js';
import { endStatementsAfterEdits, endsWithSemicolon } from './statement-ends.js';
import { emitWithScopes } from './with-statements.js';

export interface Instrumented {
  /** The edited source, in the language of the input (TypeScript stays TypeScript). */
  readonly code: string;
  /** Maps `code` back to the input. */
  readonly map: EncodedSourceMap;
  readonly sites: number;
  readonly writes: number;
  /** Parse errors: the edits of a file that does not parse are not to be trusted. */
  readonly syntaxErrors: number;
}

/** The runtime method each copy kind is routed through, and how its call is rebuilt. */
type Rewrite = (m: CopyMatch, site: string, edits: SourceEdits, sf: ts.SourceFile) => boolean;

/**
 * Routes the copy sites and the writes of one module through the cowlens runtime, and the values
 * it hands to packages (which run uninstrumented and may write them), keeping its
 * semantics: every operand is evaluated once, in its order, with its `this`; lines never move.
 * Sites the rewrite cannot express faithfully (optional chains, `super` calls, rest patterns in
 * parameters) are left as they are: they run uninstrumented, as if the code were a library.
 *
 * `file` is how the runtime names the module in reports: an absolute path. `language` is that of
 * `text`, which is `file`'s own unless the text was made from it (TypeScript with its types
 * stripped is JavaScript).
 */
export function instrumentSource(file: string, text: string, language: SourceLanguage = languageOf(file) ?? 'js'): Instrumented {
  const sf = parseSource(file, text, scriptKindFor(language));
  const names = createNameResolver(sf);
  const match = createCopyMatcher(sf, names);
  const packages = collectPackageBindings(sf, names);
  const typed = language === 'ts' || language === 'tsx';
  const writeContext = { names, typed };
  // JavaScript runs as instrumented, so its functions' sources hold the marks; TypeScript and JSX
  // are printed again by the compiler first, which keeps no text as written.
  const regexEnds = new Set<number>();
  const edits = new SourceEdits(text, language === 'js' ? { regexEnds } : undefined);
  const sites: [number, number, CopyKind][] = [];
  /** Per site, what V8 says when the copy fails for its operand's type (0: nothing to say). */
  const failures: (string | 0)[] = [];
  const locations: [number, number][] = [];
  const guards = newGuardCandidates();
  const carried = new CarriedTargets(sf, typed);
  const cuts = new ChainCuts(sf);
  const statements: ts.Node[] = [];
  const withs: ts.WithStatement[] = [];
  let temps = 0;

  const inFile = placesInFile(file, text);
  const placeOf = (node: ts.Node): [number, number] => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return inFile === undefined ? [line + 1, character + 1] : inFile([line + 1, character + 1]);
  };
  const newLocation = (node: ts.Node): string => {
    locations.push(placeOf(node));
    return locationRef(locations.length - 1);
  };

  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) regexEnds.add(node.end);
    noteGuardCandidate(node, guards);
    if (endsWithSemicolon(node)) statements.push(node);
    if (!typed && ts.isWithStatement(node)) withs.push(node);
    const m = match(node);
    if (m) rewriteCopy(m);
    const writes: WriteTarget[] = [];
    writeTargetsOf(node, writes, writeContext);
    for (const w of writes) {
      // A write whose chain cannot be cut goes untold, with no location of its own.
      const start = w.cut === undefined ? w.target.getStart(sf) : cuts.cut(w.cut, w.at, edits);
      if (start !== undefined) emitWrite(w, start, newLocation(w.at), edits, sf, carried);
    }
    if (packages.bindings.size > 0 && ts.isCallExpression(node) && !isOptionalChain(node)) {
      const lent = argumentsLentToPackages(node, packages);
      if (lent !== undefined) emitLending(node, lent, newLocation(node), edits, sf, names);
    }
    const proxied = proxyTargetOf(node, names);
    if (proxied !== undefined) edits.wrap(proxied.getStart(sf), proxied.end, `${RUNTIME_REF}.proxied(`, `, ${newLocation(node)})`, Layer.Wrap);
    // The parser leaves parent pointers unset (a pass of its own over the tree); the walk sets
    // them on the way down, before the matcher, which looks up from each node, reaches a child.
    ts.forEachChild(node, (child) => {
      (child as { parent: ts.Node }).parent = node;
      visit(child);
    });
  };

  const rewriteCopy = (m: CopyMatch): boolean => {
    const [line, column] = placeOf(m.at);
    const site = siteRef(sites.length);
    let done: boolean;
    if (m.kind === 'object-rest') {
      done = rewriteRest(m, site, edits, sf, () => tempName(temps++));
    } else if (m.viaCallee) {
      const callee = (m.node as ts.CallExpression).expression;
      edits.wrap(callee.getStart(sf), callee.end, `${RUNTIME_REF}.viaCallee(${site}, `, ')', Layer.Rewrite);
      done = true;
    } else if ((m.writtenAtOnce && (m.kind === 'object-spread' || m.kind === 'array-spread')) || (typed && copiesEvolvingArray(m, names))) {
      // Sizing reads each slot of the copy; a literal's own getters must not run for it.
      const method = definesAccessors(m.node) ? 'writtenAtOnceWithAccessors' : 'writtenAtOnce';
      edits.wrap(m.node.getStart(sf), m.node.end, `${RUNTIME_REF}.${method}(${site}, void 0, `, ')', Layer.Rewrite);
      done = true;
    } else {
      done = REWRITES[m.kind](m, site, edits, sf);
      if (done) guards.rewritten.add(m.node);
    }
    if (done) {
      sites.push([line, column, m.kind]);
      failures.push(failureMessage(m));
    }
    return done;
  };

  visit(sf);
  carried.declare(edits);
  emitGuards(guards, edits, sf, names, cuts);
  endStatementsAfterEdits(statements, edits, sf);
  emitWithScopes(withs, edits, sf);
  if (sites.length > 0 || locations.length > 0) {
    const tables = { file, sites, failures, locations, bindsGlobalThis: names.declaresAtTopLevel('globalThis') };
    edits.append(BINDINGS_SEPARATOR + (typed ? typedModuleBindings(tables, !ts.isExternalModule(sf)) : moduleBindings(tables)));
  }
  const { code, map } = edits.apply(file);
  return { code, map, sites: sites.length, writes: locations.length, syntaxErrors: parseErrorsOf(sf) };
}

/** `{ ...e }` → `R.objectSpread(S, e)`, and the like: the call keeps the copied operand's text. */
const aroundOperand =
  (method: string, operandOf: (node: ts.Node) => ts.Expression | undefined = soleOperand): Rewrite =>
  (m, site, edits, sf) => {
    const operand = operandOf(m.node);
    if (!operand) return false;
    edits.replace(m.node.getStart(sf), operand.getStart(sf), `${RUNTIME_REF}.${method}(${site}, `);
    edits.replace(operand.end, m.node.end, ')');
    return true;
  };

/**
 * The call's type arguments, for the runtime method that stands for it: each takes those of the
 * built-in it replaces (`new Map<K, V>(…)` → `newMap<K, V>(…)`), so the copy keeps its type.
 */
function typeArgumentsOf(call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string {
  return call.typeArguments ? `<${call.typeArguments.map((t) => t.getText(sf)).join(', ')}>` : '';
}

/** `f(args)` → `R.method(S, args)`: the arguments keep their text, order and spreads. */
const calleeReplaced =
  (method: string, extra: (call: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile) => string = () => ''): Rewrite =>
  (m, site, edits, sf) => {
    const call = m.node;
    if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
    const first = call.arguments?.[0];
    if (!first || isOptionalChain(call)) return false;
    // A typed array's type argument is its buffer's, which typedArrayCopy cannot take in the constructor's place.
    if (call.typeArguments && method === 'typedArrayCopy') return false;
    const typeArguments = typeArgumentsOf(call, sf);
    edits.replace(call.getStart(sf), first.getStart(sf), `${RUNTIME_REF}.${method}${typeArguments}(${site}, ${extra(call, sf)}`);
    return true;
  };

/** `recv.m(args)` → `R.method(S, recv, args)`: the receiver is evaluated first, as before. */
const receiverFirst =
  (method: string, withCallee = false): Rewrite =>
  (m, site, edits, sf) => {
    const call = m.node;
    if (!ts.isCallExpression(call) || isOptionalChain(call)) return false;
    const callee = call.expression;
    if (withCallee) {
      const first = call.arguments[0];
      if (!first) return false;
      edits.wrap(call.getStart(sf), call.end, `${RUNTIME_REF}.${method}${typeArgumentsOf(call, sf)}(${site}, `, '', Layer.Rewrite);
      edits.replace(callee.end, first.getStart(sf), ', ');
      return true;
    }
    // A method called with type arguments is some class's own: its type is not what `slice` of the runtime gives.
    if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind === ts.SyntaxKind.SuperKeyword || call.typeArguments) return false;
    const first = call.arguments[0];
    edits.wrap(call.getStart(sf), call.end, `${RUNTIME_REF}.${method}(${site}, `, '', Layer.Rewrite);
    edits.replace(callee.expression.end, first ? first.getStart(sf) : call.end - 1, first ? ', ' : '');
    return true;
  };

const REWRITES: Readonly<Record<Exclude<CopyKind, 'object-rest'>, Rewrite>> = {
  'object-spread': aroundOperand('objectSpread'),
  'array-spread': aroundOperand('arraySpread'),
  'array-slice': receiverFirst('slice'),
  'array-concat': receiverFirst('concat'),
  'array-from': calleeReplaced('arrayFrom'),
  'object-assign': calleeReplaced('assign'),
  'object-assign-proto': calleeReplaced('assign'),
  'structured-clone': calleeReplaced('structuredClone'),
  'json-roundtrip': aroundOperand('jsonRoundTrip', roundTripped),
  'map-copy': calleeReplaced('newMap'),
  'set-copy': calleeReplaced('newSet'),
  'typed-array-copy': calleeReplaced('typedArrayCopy', (call, sf) => `${call.expression.getText(sf)}, `),
  'buffer-copy': calleeReplaced('bufferCopy'),
  'lodash-clone': receiverFirst('lodashClone', true),
  'lodash-clone-deep': receiverFirst('lodashCloneDeep', true),
  'post-message': receiverFirst('postMessage'),
};

/**
 * `const { a, b: c, ...rest } = init` → `const __t = init, { a, b: c } = __t, rest = R.objectRest(S, __t, ["a", "b"])`:
 * the source is evaluated once, the named properties are read first and the rest copied last, as
 * the language does. Only plain declarations with literal keys and no defaults are rewritten.
 */
function rewriteRest(m: CopyMatch, site: string, edits: SourceEdits, sf: ts.SourceFile, temp: () => string): boolean {
  const pattern = m.node;
  if (!ts.isObjectBindingPattern(pattern)) return false;
  const decl = pattern.parent;
  if (!ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isVariableDeclarationList(decl.parent)) return false;
  const statement = decl.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.ExportKeyword) === true) return false;
  // A `var` temporary in a with body is assigned through the with object, which would be asked for it.
  if ((decl.parent.flags & ts.NodeFlags.BlockScoped) === 0 && inWithBody(statement)) return false;
  const rest = pattern.elements[pattern.elements.length - 1];
  if (!rest?.dotDotDotToken || !ts.isIdentifier(rest.name)) return false;
  const named = pattern.elements.slice(0, -1);
  // The named part is written again after the source: any edit inside it (a default's site) would
  // be lost, and on a declaration of several lines its names would move to another line.
  if (named.some(holdsEdits) || spansLines(decl, sf)) return false;
  const keys: string[] = [];
  for (const e of named) {
    if (e.initializer || e.dotDotDotToken) return false;
    const key = e.propertyName ?? e.name;
    if (ts.isIdentifier(key) || ts.isStringLiteral(key)) keys.push(key.text);
    else if (ts.isNumericLiteral(key)) keys.push(String(Number(key.text)));
    else return false;
    if (!ts.isIdentifier(e.name) && !ts.isObjectBindingPattern(e.name) && !ts.isArrayBindingPattern(e.name)) return false;
  }
  const t = temp();
  const namedText = named.map((e) => e.getText(sf)).join(', ');
  edits.replace(decl.getStart(sf), decl.initializer.getStart(sf), `${t} = `);
  edits.wrap(decl.initializer.getStart(sf), decl.initializer.end, `${RUNTIME_REF}.restSource(${site}, `, ')', Layer.RestSource);
  edits.wrap(decl.getStart(sf), decl.end, '', `, { ${namedText} } = ${t}, ${rest.name.text} = ${RUNTIME_REF}.objectRest(${site}, ${t}, ${JSON.stringify(keys)})`, Layer.Rewrite);
  return true;
}

/** Whether `node` is in a with statement's body, in the function it is in. */
function inWithBody(node: ts.Node): boolean {
  for (let n = node; !ts.isSourceFile(n) && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isWithStatement(n.parent) && n === n.parent.statement) return true;
  }
  return false;
}

/**
 * What V8 says when the copy fails for its operand's type, from the site's text: `x is not
 * iterable`, `o.list.slice is not a function`, `Cannot destructure property 'a' of 'x' as it is %s.`
 * (the runtime puts null or undefined for `%s`).
 */
function failureMessage(m: CopyMatch): string | 0 {
  const node = m.node;
  // Where V8 does not find the place in the source, it words the failure by the value (0: the runtime does so too).
  if (wordedByValue(node)) return 0;
  switch (m.kind) {
    case 'array-spread': {
      const operand = soleOperand(node);
      return operand ? notIterableMessage(operand) : 0;
    }
    case 'array-slice':
    case 'array-concat':
    case 'post-message': {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return 0;
      // A call whose value is iterated where it stands: V8 says so in one message (`[...x.slice()]`).
      if (isIterated(node)) return notIterableMessage(node);
      return `${v8OperandText(node.expression.expression, CallStyle.WithArguments)}.${node.expression.name.text} is not a function`;
    }
    case 'object-rest': {
      const decl = node.parent;
      if (!ts.isObjectBindingPattern(node) || !ts.isVariableDeclaration(decl) || !decl.initializer) return 0;
      const operand = v8OperandText(decl.initializer, CallStyle.WithArguments);
      const first = node.elements.length > 1 ? node.elements[0] : undefined;
      const key = first === undefined ? undefined : (first.propertyName ?? first.name);
      const keyText = key === undefined ? undefined : ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : ts.isNumericLiteral(key) ? String(Number(key.text)) : undefined;
      return keyText === undefined ? `Cannot destructure '${operand}' as it is %s.` : `Cannot destructure property '${keyText}' of '${operand}' as it is %s.`;
    }
    default:
      return 0;
  }
}

/**
 * Whether the copy reads a name TypeScript may type as an evolving array, as its source or
 * anywhere inside it (`JSON.parse(JSON.stringify(xs))`, `[].concat(xs)`, `structuredClone({ xs })`):
 * its pushes are not seen (see evolving-arrays.ts), so a view of it could see them; the copy is
 * made as written.
 */
function copiesEvolvingArray(m: CopyMatch, names: NameResolver): boolean {
  const read = ts.isObjectBindingPattern(m.node) && ts.isVariableDeclaration(m.node.parent) ? m.node.parent.initializer : m.node;
  const mentions = (node: ts.Node): boolean => {
    if (isNonValueSyntax(node)) return false;
    if (ts.isIdentifier(node)) return isEvolvingArray(node, names);
    // A property's name is no mention of a variable.
    if (ts.isPropertyAccessExpression(node)) return mentions(node.expression);
    return ts.forEachChild(node, (child) => (mentions(child) ? true : undefined)) === true;
  };
  return read !== undefined && mentions(read);
}

function definesAccessors(node: ts.Node): boolean {
  return ts.isObjectLiteralExpression(node) && node.properties.some((p) => ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p));
}

function spansLines(node: ts.Node, sf: ts.SourceFile): boolean {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(node.end).line;
}

/** Whether a binding pattern's element holds code that may be edited: a default value or a computed key, at any depth. */
function holdsEdits(element: ts.BindingElement): boolean {
  if (element.initializer !== undefined || (element.propertyName !== undefined && ts.isComputedPropertyName(element.propertyName))) return true;
  const name = element.name;
  if (ts.isIdentifier(name)) return false;
  return (name.elements as readonly ts.ArrayBindingElement[]).some((e) => ts.isBindingElement(e) && holdsEdits(e));
}

/** `x` in `JSON.parse(JSON.stringify(x))`. */
function roundTripped(node: ts.Node): ts.Expression | undefined {
  const inner = ts.isCallExpression(node) ? node.arguments[0] : undefined;
  const value = inner && ts.isCallExpression(inner) ? inner.arguments[0] : undefined;
  return value && !ts.isSpreadElement(value) ? value : undefined;
}

/** The one expression a literal copy (`{ ...e }`, `[...e]`) or a one-argument call copies. */
function soleOperand(node: ts.Node): ts.Expression | undefined {
  if (ts.isObjectLiteralExpression(node)) {
    const only = node.properties[0];
    return node.properties.length === 1 && only && ts.isSpreadAssignment(only) ? only.expression : undefined;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const only = node.elements[0];
    return node.elements.length === 1 && only && ts.isSpreadElement(only) ? only.expression : undefined;
  }
  return undefined;
}

function parseErrorsOf(sf: ts.SourceFile): number {
  // Not in the public API, but every TypeScript release keeps it: the parser's own diagnostics.
  return (sf as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

function isOptionalChain(node: ts.Node): boolean {
  return (node.flags & ts.NodeFlags.OptionalChain) !== 0;
}
