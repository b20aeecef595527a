import remapping from '@jridgewell/remapping';
import { ts } from 'ts-morph';
import { callsAtTheirNames } from './call-positions.js';
import type { EncodedSourceMap } from './source-edits.js';

export type ModuleFormat = 'module' | 'commonjs';

/**
 * Strips types (and JSX) from a TypeScript module; when it was instrumented first, `map` leads from
 * the instrumented text to the original and the result's map is composed to lead there too. No type checking: like `tsx` or Node's own type stripping,
 * a program with type errors still runs.
 */
export function toJavaScript(file: string, code: string, map: EncodedSourceMap | undefined, format: ModuleFormat): { code: string; map: EncodedSourceMap } {
  const out = ts.transpileModule(code, {
    fileName: file,
    reportDiagnostics: false,
    compilerOptions: {
      module: format === 'module' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
      sourceMap: true,
      inlineSources: false,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      allowJs: true,
      useDefineForClassFields: true,
    },
  });
  const parsed = JSON.parse(out.sourceMapText ?? '{}') as EncodedSourceMap;
  parsed.sources = [file];
  const emitted = callsAtTheirNames(parsed, code);
  const composed = map ? (remapping([JSON.stringify(emitted), JSON.stringify(map)], () => null) as unknown as EncodedSourceMap) : emitted;
  return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), map: composed };
}
