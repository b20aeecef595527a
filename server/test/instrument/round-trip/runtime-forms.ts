/**
 * What each runtime call of instrumented code stands for: the table the un-instrumenter reads.
 * A new rewrite in the instrumenter is one more line here; a method missing from the table, or
 * used in a way its line does not allow, is a finding, never passed over.
 */
import type { RestoredText } from './restored-text.js';

/** The restored text of a call: literal text between restored arguments (a list is joined by commas). */
export interface Template {
  readonly strings: readonly string[];
  readonly values: readonly (RestoredText | readonly RestoredText[])[];
}

export const t = (strings: TemplateStringsArray, ...values: (RestoredText | readonly RestoredText[])[]): Template => ({ strings, values });

/**
 * The arguments a method takes, in order: `S` a site (`__cl$s[N]`), `L` a location (`__cl$l[N]`),
 * `void` the literal `void 0`, `x` an expression (no spread), `...` any arguments left,
 * `bindings` the module's bindings `__cl$i, __cl$s, __cl$l`. The
 * builder gets the `x` and `...` arguments, restored, in order. A leading `<>` lets the call have
 * type arguments (those of the call it replaced); the builder gets them, restored, `<…>` included.
 */
export type ArgumentKind = '<>' | 'S' | 'L' | 'void' | 'x' | '...' | 'bindings';

/**
 * How a call may stand before the code it watches, as an addition to drop: `R.m(…), e` (bare or
 * in parentheses) stands for `e`; `R.m(…);` is a statement of its own.
 */
export type Before = ',' | ';';

export interface RuntimeForm {
  readonly args: readonly ArgumentKind[];
  /** The expression the call stands for; none for a method that only ever goes before code. */
  readonly build?: (args: readonly RestoredText[], typeArguments: RestoredText) => Template | RestoredText;
  readonly before: readonly Before[];
}

const form = (args: string, build: NonNullable<RuntimeForm['build']>, ...before: Before[]): RuntimeForm => ({ args: args.split(' ') as ArgumentKind[], build, before });
const addition = (args: string, ...before: Before[]): RuntimeForm => ({ args: args.split(' ') as ArgumentKind[], before });

export const RUNTIME_FORMS: Readonly<Record<string, RuntimeForm>> = {
  touch: form('x L', ([x]) => x!, ','),
  wrote: form('x x L', ([value]) => value!),
  hold: form('x L', ([target]) => target!, ','),
  release: form('x L ...', ([value]) => value!),
  settle: form('x L', ([write]) => write!),
  carry: form('x', ([target]) => target!),
  wroteCall: form('x x L x ...', ([value]) => value!),
  touchCall: form('x L x ...', ([target]) => target!),
  touchDelete: form('x L x', ([target]) => target!, ','),
  lend: form('x L', ([x]) => x!),
  writer: form('x L', ([x]) => x!),
  lent: addition('L ...', ';', ','),
  returned: form('x L', ([x]) => x!),
  callReturned: addition('L ...', ';'),
  proxied: form('x L', ([x]) => x!),
  viaCallee: form('S x', ([callee]) => callee!),
  called: form('x ...', ([fn]) => fn!),
  calledOn: form('x ...', ([target]) => target!),
  iterated: form('x x', ([value]) => value!),
  writtenAtOnce: form('S void x', ([literal]) => literal!),
  writtenAtOnceWithAccessors: form('S void x', ([literal]) => literal!),
  objectSpread: form('S x', ([e]) => t`{...${e!}}`),
  arraySpread: form('S x', ([e]) => t`[...${e!}]`),
  slice: form('S x ...', ([receiver, ...a]) => t`${receiver!}.slice(${a})`),
  concat: form('S x ...', ([receiver, ...a]) => t`${receiver!}.concat(${a})`),
  postMessage: form('S x ...', ([receiver, ...a]) => t`${receiver!}.postMessage(${a})`),
  arrayFrom: form('<> S ...', (a, ta) => t`Array.from${ta}(${a})`),
  assign: form('<> S ...', (a, ta) => t`Object.assign${ta}(${a})`),
  structuredClone: form('<> S ...', (a, ta) => t`structuredClone${ta}(${a})`),
  jsonRoundTrip: form('S x', ([e]) => t`JSON.parse(JSON.stringify(${e!}))`),
  newMap: form('<> S ...', (a, ta) => t`new Map${ta}(${a})`),
  newSet: form('<> S ...', (a, ta) => t`new Set${ta}(${a})`),
  typedArrayCopy: form('S x ...', ([constructor, ...a]) => t`new ${constructor!}(${a})`),
  bufferCopy: form('<> S ...', (a, ta) => t`Buffer.from${ta}(${a})`),
  lodashClone: form('<> S x ...', ([callee, ...a], ta) => t`${callee!}${ta}(${a})`),
  lodashCloneDeep: form('<> S x ...', ([callee, ...a], ta) => t`${callee!}${ta}(${a})`),
  withObject: { args: ['x', 'bindings'], before: [] },
};

/**
 * `objectRest` and `restSource` are no expressions of their own: they are parts of the declarations
 * `__cl$t0 = R.restSource(S, init), { a } = __cl$t0, rest = R.objectRest(S, __cl$t0, ["a"])`,
 * which stand for `{ a, ...rest } = init` (uninstrument.ts reads them together; `init` may also
 * stand alone, without restSource). Anywhere else they are findings.
 */
export const OBJECT_REST = 'objectRest';
export const REST_SOURCE = 'restSource';

/**
 * `withObject` is no expression of its own either: `with (R.withObject(o, __cl$i, __cl$s,
 * __cl$l)) {HEAD S}`, the head being the instrumenter's WITH_BODY_HEAD, stands for `with (o) S`
 * (uninstrument.ts reads them together). Anywhere else it is a finding.
 */
export const WITH_OBJECT = 'withObject';
