/**
 * TypeScript's evolving arrays: `const xs = []` (or `let xs;`) with no type annotation is typed by
 * what the code later pushes into it (`xs.push(1)` makes it `number[]`), and any other mention of
 * `xs` before it holds a known element type is an error under `noImplicitAny`. So no code may
 * mention such an array where the program does not: its pushes and element writes must stay as
 * written, and cowlens cannot pass it to the runtime there.
 */
import { ts } from 'ts-morph';
import { GLOBAL, type NameResolver, UNKNOWN } from './name-resolution.js';

function isEmptyArrayLiteral(e: ts.Expression): boolean {
  return ts.isArrayLiteralExpression(e) && e.elements.length === 0;
}

/** Whether `id` reads a binding that TypeScript may type as an evolving array. */
export function isEvolvingArray(id: ts.Identifier, names: NameResolver): boolean {
  const binding = names.resolve(id);
  if (binding === GLOBAL || binding === UNKNOWN) return false;
  const declaration = binding.name.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.name !== binding.name || declaration.type !== undefined) return false;
  const initializer = declaration.initializer;
  if (initializer === undefined) return (declaration.parent.flags & ts.NodeFlags.Const) === 0;
  return isEmptyArrayLiteral(initializer);
}
