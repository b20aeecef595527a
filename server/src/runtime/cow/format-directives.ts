/**
 * How util.format hands each of its arguments to util.inspect, read from the format string as
 * Node's formatWithOptions reads it (lib/internal/util/inspect.js, the same in Node 20, 22 and
 * 24): a `%` and the character after it, `%%` for a percent sign, directives taking arguments in
 * order while any are left (`%%` takes none), the arguments after them inspected with the
 * call's options.
 */
export const enum Directive {
  /** Not inspected: printed as a string, a number, JSON, or dropped (`%c`). */
  None,
  /** `%O`, or an argument after the format string: the call's options. */
  Options,
  /** `%o`: the call's options with `showHidden`, `showProxy` and a depth of 4. */
  Hidden,
  /** `%s`: the call's options at a depth of 0, for an object whose `toString` is built in. */
  String,
}

const PERCENT = 37;
// Taken at load: plain formatting does not run what the program may later put in its place.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with Reflect.apply on the receivers they are meant for
const charCodeAt = String.prototype.charCodeAt;
const { apply } = Reflect;

/** What the directive `%` + `code` does with the argument it takes, or undefined when it takes none. */
function taking(code: number): Directive | undefined {
  switch (code) {
    case 111: // o
      return Directive.Hidden;
    case 79: // O
      return Directive.Options;
    case 115: // s
      return Directive.String;
    case 106: // j
    case 100: // d
    case 105: // i
    case 102: // f
    case 99: // c
      return Directive.None;
    default:
      return undefined;
  }
}

/** The directive each of `args` meets, `args[0]` being the format string when it is a string. */
export function directives(args: readonly unknown[]): Directive[] {
  const uses: Directive[] = [];
  for (let i = 0; i < args.length; i++) uses[i] = Directive.Options;
  const first = args[0];
  if (typeof first !== 'string') return uses;
  uses[0] = Directive.None;
  let a = 0;
  for (let i = 0; i < first.length - 1 && a + 1 < args.length; i++) {
    if (apply(charCodeAt, first, [i]) !== PERCENT) continue;
    const use = taking(apply<string, [number], number>(charCodeAt, first, [++i]));
    if (use !== undefined) uses[++a] = use;
  }
  return uses;
}
