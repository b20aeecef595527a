import type { ts } from 'ts-morph';
import { RUNTIME_REF, WITH_BINDINGS, WITH_BODY_HEAD } from './module-bindings.js';
import { Layer, type SourceEdits } from './source-edits.js';

/**
 * Every name in a with statement's body is asked of the with object first, cowlens's as the
 * program's: a sandbox Proxy would see names the program never wrote, or answer for them
 * (runtime/with-bindings.ts). A body that holds an edit is put whole in a block whose head
 * declares the module's bindings again, and the with object passes through the runtime, which
 * leaves them where the head reads them: `with (o) S` → `with (R.withObject(o, __cl$i, __cl$s,
 * __cl$l)) {HEAD S}`. Whole, so that a body of one statement gets a block as one of several
 * does, and a block's own declarations stay in their block. Made after every other edit, which
 * decides whether the body holds one. JavaScript only: TypeScript has no with statement.
 */
export function emitWithScopes(withs: readonly ts.WithStatement[], edits: SourceEdits, sf: ts.SourceFile): void {
  const extents = edits.extents();
  for (const statement of withs) {
    const body = statement.statement;
    if (!extents.showIn({ start: body.getStart(sf), end: body.end })) continue;
    const object = statement.expression;
    edits.wrap(object.getStart(sf), object.end, `${RUNTIME_REF}.withObject(`, `, ${WITH_BINDINGS})`, Layer.WithScope);
    // From the end of `)`: a body's own edits at its first token go inside the block.
    edits.wrap(body.pos, body.end, `{${WITH_BODY_HEAD}`, '}', Layer.WithScope);
  }
}
