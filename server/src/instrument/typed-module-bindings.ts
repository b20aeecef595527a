import { COVERAGE_IGNORED, failuresArgument, globalObject, type ModuleTables, runtimeLookup } from './module-bindings.js';

/**
 * The runtime as instrumented TypeScript sees it. A transformer that type-checks what it is given
 * (ts-jest by default) would otherwise find cowlens's calls untyped (`implicitly has an 'any'
 * type` under `strict`), and every value that passes through one would lose its type. Each method
 * gives back the type the rewritten expression had, so the instrumented module type-checks as the
 * module did. Inline, one line, no named type: a script file's top-level names are global.
 */
const RUNTIME_TYPE =
  '{sites(f:string,s:unknown[],m?:unknown[]):unknown[];locations(f:string,l:unknown[]):unknown[];' +
  'touch<T>(v:T,l:unknown):T;wrote<T>(v:T,t:unknown,l:unknown):T;hold<T>(v:T,l:unknown):T;release<T>(v:T,l:unknown,s?:1):T;settle<T>(v:T,l:unknown):T;carry<T>(v:T):T;wroteCall<T>(v:T,t:unknown,l:unknown,m:string,...a:unknown[]):T;touchCall<T>(v:T,l:unknown,m:string,...a:unknown[]):T;touchDelete<T>(v:T,l:unknown,k:unknown):T;viaCallee<F>(s:unknown,f:F):F;called<F>(f:F,m:unknown,o?:1):F;calledOn<T>(t:T,k:unknown,m:unknown,o?:1):T;iterated<T>(v:T,m:unknown):T;writer<F>(f:F,l:unknown):F;lend<T>(v:T,l:unknown):T;lent(l:unknown,...v:unknown[]):true;returned<T>(v:T,l:unknown):T;callReturned(l:unknown,v?:unknown):true;proxied<T>(v:T,l:unknown):T;writtenAtOnce<T>(s:unknown,u:undefined,v:T):T;writtenAtOnceWithAccessors<T>(s:unknown,u:undefined,v:T):T;restSource<T>(s:unknown,v:T):T;' +
  'objectSpread<T>(s:unknown,v:T):Pick<T,keyof T>;objectRest<T,K extends PropertyKey>(s:unknown,v:T,k:readonly K[]):Omit<T,K>;' +
  'arraySpread<T extends readonly unknown[]>(s:unknown,v:T):[...T];arraySpread<T>(s:unknown,v:Iterable<T>):T[];' +
  'slice<T extends{slice(...a:any[]):any}>(s:unknown,r:T,...a:any[]):ReturnType<T["slice"]>;' +
  'concat<T extends{concat(...a:any[]):any}>(s:unknown,r:T,...a:any[]):ReturnType<T["concat"]>;' +
  'arrayFrom<T>(s:unknown,v:Iterable<T>|ArrayLike<T>):T[];arrayFrom<T,U>(s:unknown,v:Iterable<T>|ArrayLike<T>,f:(v:T,k:number)=>U,t?:unknown):U[];' +
  'assign<T extends{},U>(s:unknown,t:T,u:U):T&U;assign<T extends{},U,V>(s:unknown,t:T,u:U,v:V):T&U&V;' +
  'assign<T extends{},U,V,W>(s:unknown,t:T,u:U,v:V,w:W):T&U&V&W;assign(s:unknown,t:object,...u:any[]):any;' +
  'structuredClone<T>(s:unknown,v:T,o?:unknown):T;jsonRoundTrip(s:unknown,v:unknown):any;' +
  'newMap<K,V>(s:unknown,v?:Iterable<readonly[K,V]>|null):Map<K,V>;newSet<T>(s:unknown,v?:Iterable<T>|null):Set<T>;' +
  'typedArrayCopy<C extends abstract new(...a:any)=>any>(s:unknown,c:C,...a:any[]):InstanceType<C>;bufferCopy(s:unknown,...a:any[]):any;' +
  'lodashClone<T>(s:unknown,f:unknown,v:T):T;lodashCloneDeep<T>(s:unknown,f:unknown,v:T):T;postMessage(s:unknown,r:unknown,...a:unknown[]):void}';

/**
 * A script file's top-level function is global to a type-checker: one that checks two instrumented
 * scripts together (`ts-node --files`, tsc over a project) would find `__cl$i` implemented twice
 * (TS2393). Its line is ours alone, so nothing of the program's is hidden.
 */
const SCRIPT_FUNCTION = '\n// @ts-ignore: every instrumented script file declares its own\n';

/**
 * The bindings of a TypeScript module (see moduleBindings): typed, declaring only the tables the
 * module uses, so that `noUnusedLocals` finds nothing either, and those as definitely assigned
 * (`!`), since the compiler cannot see that `__cl$i()` assigns them before top-level code reads them.
 * `script`: the file is no module (no import or export), its top-level names global.
 */
export function typedModuleBindings({ file, sites, failures, locations, bindsGlobalThis }: ModuleTables, script: boolean): string {
  const f = JSON.stringify(file);
  const tables = [...(sites.length > 0 ? ['__cl$s!:unknown[]'] : []), ...(locations.length > 0 ? ['__cl$l!:unknown[]'] : [])];
  return (
    `var __cl$r:${RUNTIME_TYPE}|undefined${tables.map((t) => `,${t}`).join('')};${script ? SCRIPT_FUNCTION : ''}` +
    `${COVERAGE_IGNORED}function __cl$i():NonNullable<typeof __cl$r>{${runtimeLookup(`(${globalObject(bindsGlobalThis)} as any)`)}` +
    (sites.length > 0 ? `__cl$s=r.sites(${f},${JSON.stringify(sites.flat())}${failuresArgument(failures)});` : '') +
    (locations.length > 0 ? `__cl$l=r.locations(${f},${JSON.stringify(locations.flat())});` : '') +
    'return __cl$r=r;}'
  );
}
