import { ts } from 'ts-morph';
import { carriedName } from './module-bindings.js';
import type { SourceEdits } from './source-edits.js';

/**
 * Variables that carry a write's object from where it is evaluated to its value, across the
 * value's `await` or `yield` (`carry(t = getO()).k = wrote(await f(), t)`): while the function waits,
 * other calls of it may run the same write, so each call needs its own, a `let` of the function's
 * body. A function without a body of statements (an arrow's expression), code in a `with`
 * statement (whose object would be asked for the variable) and a module's top level get none:
 * their writes are told when their object is evaluated (README, Limits).
 */
export class CarriedTargets {
  private readonly byBody = new Map<ts.Block, string[]>();
  private count = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly typed: boolean,
  ) {}

  /** A variable of the body that runs `write`, declared there once `declare` runs. */
  variableFor(write: ts.Node): string | undefined {
    let n: ts.Node = write.parent;
    for (; !ts.isFunctionLike(n); n = n.parent) {
      if (ts.isSourceFile(n) || ts.isWithStatement(n) || ts.isClassStaticBlockDeclaration(n)) return undefined;
    }
    const body = (n as ts.SignatureDeclaration & { body?: ts.Node }).body;
    if (body === undefined || !ts.isBlock(body) || write.pos < body.pos || write.end > body.end) return undefined;
    const name = carriedName(this.count++);
    const names = this.byBody.get(body);
    if (names === undefined) this.byBody.set(body, [name]);
    else names.push(name);
    return name;
  }

  /**
   * Declares each body's variables after its directive prologue, on the line it begins on, in the
   * place of its `{` or its last directive (a replace, which goes before any insert where the
   * next statement begins).
   */
  declare(edits: SourceEdits): void {
    const { sf } = this;
    for (const [body, names] of this.byBody) {
      const declaration = `let ${names.map((name) => (this.typed ? `${name}: any` : name)).join(', ')};`;
      const directives = prologueOf(body);
      const last = directives[directives.length - 1];
      if (last === undefined) {
        const open = body.getStart(sf);
        edits.replace(open, open + 1, `{${declaration}`);
      } else {
        const text = last.getText(sf);
        edits.replace(last.getStart(sf), last.end, `${text}${text.endsWith(';') ? '' : ';'}${declaration}`);
      }
    }
  }
}

/** The body's directives (`'use strict'`): a statement put before one would end the prologue. */
function prologueOf(body: ts.Block): ts.ExpressionStatement[] {
  const directives: ts.ExpressionStatement[] = [];
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement);
  }
  return directives;
}
