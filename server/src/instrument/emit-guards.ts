/**
 * V8 words some TypeErrors from the source text at the place (`o.f(...).m is not a function`,
 * `x is not iterable`), and in instrumented code that text may hold cowlens's calls: a call whose
 * receiver is a copy (`[...xs].m()`, `structuredClone(x).m()`), a method called on a write's
 * target (`o.a.push(v)` → `touch(o.a, L).push(v)`). Where the text V8 would print holds an edit,
 * the receiver, the callee or the iterated value passes through a guard of the runtime
 * (runtime/call-guards.ts), given the message V8 prints for the code as written; it changes
 * nothing when the operation succeeds. Found after every other edit is made, since the text V8
 * prints is what they made of it.
 */
import { ts } from 'ts-morph';
import { isAssignmentTarget } from '../analysis/assignment-target.js';
import type { NameResolver } from '../analysis/name-resolution.js';
import { outermostWrapper, unwrap } from '../analysis/syntax.js';
import type { ChainCuts } from './chain-cuts.js';
import type { Span } from './edit-extents.js';
import { RUNTIME_REF } from './module-bindings.js';
import { Layer, type SourceEdits } from './source-edits.js';
import { isIterated, notCallableMessage, notIterableMessage, wordedByValue } from './v8-operand-text.js';

const SK = ts.SyntaxKind;

/** What the walk of a module met that V8 may word an error about. */
export interface GuardCandidates {
  /** Calls and tagged templates: their callee. */
  readonly calls: (ts.CallExpression | ts.TaggedTemplateExpression)[];
  /** Values iterated where they stand: spread into an array literal, or the `of` of a `for`. */
  readonly iterated: ts.Expression[];
  /** Copy sites rewritten into one runtime call, which words its failures itself. */
  readonly rewritten: Set<ts.Node>;
}

export function newGuardCandidates(): GuardCandidates {
  return { calls: [], iterated: [], rewritten: new Set() };
}

/** Notes `node` if it is a candidate (the walk sets parent pointers before it gets here). */
export function noteGuardCandidate(node: ts.Node, candidates: GuardCandidates): void {
  if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) candidates.calls.push(node);
  // A spread in a destructuring pattern (`[a, ...s[1]] = v`) is a rest target that nothing iterates.
  else if (ts.isSpreadElement(node) && ts.isArrayLiteralExpression(node.parent) && !isAssignmentTarget(node.parent)) candidates.iterated.push(node.expression);
  else if (ts.isForOfStatement(node) && node.awaitModifier === undefined) candidates.iterated.push(node.expression);
}

/** A string literal holding `text`, with no line terminator in it: the edits move no line. */
function literal(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The key of `access` as the guard is given it: a literal, or a name of the file nothing assigns
 * again, read once more after the read that gave the guard its value (that read would have thrown).
 */
function keyOf(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, names: NameResolver): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return ts.isPrivateIdentifier(access.name) ? undefined : literal(access.name.text);
  const key = access.argumentExpression;
  if (ts.isStringLiteralLike(key)) return literal(key.text);
  if (ts.isNumericLiteral(key)) return literal(String(Number(key.text.replace(/_/g, ''))));
  if (ts.isIdentifier(key) && names.isConstant(key)) return key.text;
  return undefined;
}

/**
 * Whether `call` is spread into an array literal that became a copy site's runtime call
 * (`[...xs.map(f)]`): the call then stands among that call's arguments, where V8 would word its
 * failure as any call's (`xs.map is not a function`), not as the spread's (`… or its return value
 * is not iterable`), edited text or not.
 */
function spreadIntoRewrittenCopy(call: ts.CallExpression | ts.TaggedTemplateExpression, rewritten: Set<ts.Node>): boolean {
  if (!ts.isCallExpression(call) || !isIterated(call)) return false;
  const parent = outermostWrapper(call).parent;
  return ts.isSpreadElement(parent) && rewritten.has(parent.parent);
}

export function emitGuards(candidates: GuardCandidates, edits: SourceEdits, sf: ts.SourceFile, names: NameResolver, cuts: ChainCuts): void {
  const extents = edits.extents();
  const spanOf = (node: ts.Node): Span => ({ start: node.getStart(sf), end: node.end });
  /** The message V8 gives, as a literal, when the text it prints of `quoted` holds an edit; else undefined. */
  const messageIfEdited = (at: ts.Node, quoted: ts.Expression, render: (hidden: ts.Node[]) => string): string | undefined => {
    const span = spanOf(quoted);
    if (!extents.showIn(span)) return undefined;
    const hidden: ts.Node[] = [];
    const text = render(hidden);
    if (!extents.showIn(span, hidden.map(spanOf))) return undefined;
    return wordedByValue(at) ? '0' : literal(text);
  };

  for (const call of candidates.calls) {
    if (candidates.rewritten.has(call)) continue;
    const callee = ts.isCallExpression(call) ? call.expression : call.tag;
    if (callee.kind === SK.ImportKeyword || callee.kind === SK.SuperKeyword) continue;
    const message = spreadIntoRewrittenCopy(call, candidates.rewritten)
      ? wordedByValue(call)
        ? '0'
        : literal(notCallableMessage(call))
      : messageIfEdited(call, callee, (hidden) => notCallableMessage(call, hidden));
    if (message === undefined) continue;
    const optional = ts.isCallExpression(call) && call.questionDotToken !== undefined ? ', 1' : '';
    const inner = unwrap(callee);
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
      // The receiver is passed through, so that the call keeps its `this`; a receiver inside the
      // call's optional chain cannot be (the chain must end before the guard when it is null),
      // unless the chain was cut before it for a write (chain-cuts.ts).
      const receiver = inner.expression;
      const key = keyOf(inner, names);
      const start = cuts.startOf(receiver);
      if (key === undefined || receiver.kind === SK.SuperKeyword || start === undefined) continue;
      edits.wrap(start, receiver.end, `${RUNTIME_REF}.calledOn(`, `, ${key}, ${message}${optional})`, Layer.Guard);
    } else {
      const start = cuts.startOf(callee);
      if (start !== undefined) edits.wrap(start, callee.end, `${RUNTIME_REF}.called(`, `, ${message}${optional})`, Layer.Guard);
    }
  }

  for (const operand of candidates.iterated) {
    if (ts.isSpreadElement(operand.parent) && candidates.rewritten.has(operand.parent.parent)) continue;
    const message = messageIfEdited(operand, operand, (hidden) => notIterableMessage(operand, hidden));
    if (message !== undefined) edits.wrap(operand.getStart(sf), operand.end, `${RUNTIME_REF}.iterated(`, `, ${message})`, Layer.Guard);
  }
}
