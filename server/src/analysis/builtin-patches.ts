/**
 * Whether a file replaces or extends a built-in: `Array.prototype.map = …`, `JSON.stringify = f`,
 * `Object.defineProperty(Object.prototype, 'x', { get() { … } })`, `globalThis.console = …`.
 * The could-share proof takes reading, iterating and printing plain data to run only built-ins;
 * in a file that changes them it claims nothing. (A patch made in another file is out of sight:
 * the README says so.) Needs parent pointers.
 */
import { ts } from 'ts-morph';
import { builtinPath } from './builtin-names.js';
import type { NameResolver } from './name-resolution.js';
import { isAccessExpression, isAssignmentOperator, unwrap } from './syntax.js';

const SK = ts.SyntaxKind;

/** Globals the proof relies on, and the global object under its names. */
const RELIED_ON = new Set([
  'Object', 'Array', 'Map', 'Set', 'JSON', 'console', 'String', 'Number', 'Boolean', 'Symbol', 'Function', 'Reflect',
  'Math', 'structuredClone', 'Iterator', 'Proxy', 'globalThis', 'global', 'window', 'self',
]);

/** Built-ins that write the object they are given first. */
const WRITERS = new Set([
  'Object.defineProperty', 'Object.defineProperties', 'Object.assign', 'Object.setPrototypeOf', 'Reflect.defineProperty',
  'Reflect.set', 'Reflect.setPrototypeOf', 'Reflect.deleteProperty',
]);

/** Whether `target` is, or reads a property of, a global the proof relies on (also through an alias: `const AP = Array.prototype`). */
function isRootedAtBuiltin(target: ts.Expression, names: NameResolver): boolean {
  let root = unwrap(target);
  while (isAccessExpression(root)) root = unwrap(root.expression);
  const path = root.kind === SK.Identifier ? builtinPath(root, names)?.path : undefined;
  return path !== undefined && RELIED_ON.has(path.split('.')[0]!);
}

export function patchesBuiltins(sourceFile: ts.SourceFile, names: NameResolver): boolean {
  let patches = false;
  const visit = (node: ts.Node): void => {
    if (patches) return;
    switch (node.kind) {
      case SK.BinaryExpression: {
        const { left, operatorToken } = node as ts.BinaryExpression;
        patches = isAssignmentOperator(operatorToken.kind) && isRootedAtBuiltin(left, names);
        break;
      }
      case SK.DeleteExpression:
        patches = isRootedAtBuiltin((node as ts.DeleteExpression).expression, names);
        break;
      case SK.CallExpression: {
        const { expression, arguments: args } = node as ts.CallExpression;
        const first = args[0];
        const path = builtinPath(expression, names)?.path;
        patches = first !== undefined && path !== undefined && WRITERS.has(path) && isRootedAtBuiltin(first, names);
        break;
      }
      default:
        break;
    }
    if (!patches) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return patches;
}
