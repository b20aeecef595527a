/**
 * What the TypeScript type checker that ts-morph carries says about an expression of a scanned
 * file, for the few questions the "could share" proof cannot answer from syntax. The scan parses
 * without a program; the checker is built on the first question only (most files never ask),
 * over the file alone: imports resolve to nothing, so whatever comes from another file is `any`
 * and proves nothing. The library files are parsed once, for every file's program.
 *
 * Types are trusted as written: a value typed `number[]` is taken to be an array of numbers.
 */
import { extname } from 'node:path';
import { ts } from 'ts-morph';
import { CHECKER_LIB, typeCheckerLibs } from './type-checker-libs.js';

export interface TypeFacts {
  /** Whether the value is, by its type, a string, number, bigint, boolean, null or undefined (never a symbol, never `any`). */
  readonly isPrimitive: (node: ts.Expression) => boolean;
  /** Whether the value is, by its type, an array or a tuple (not a subclass of Array). */
  readonly isArray: (node: ts.Expression) => boolean;
  /** Whether the value is, by its type, an array or tuple whose elements are all primitives as above. */
  readonly isArrayOfPrimitives: (node: ts.Expression) => boolean;
  /** Whether the value is, by its type, a string. */
  readonly isString: (node: ts.Expression) => boolean;
  /**
   * Whether the value is, by its type, plain data: primitives (no symbols), arrays, tuples and
   * objects of plain data, with no methods, getters, setters, call signatures, class instances,
   * `toJSON`, `toString`, `valueOf`, `then` or symbol-keyed members.
   */
  readonly isPlainData: (node: ts.Expression) => boolean;
  /** Whether the value is, by its type, a plain data object whose keys are all declared (no index signature) and none is `__proto__`. */
  readonly isPlainRecord: (node: ts.Expression) => boolean;
}

const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;

const COMPILER_OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, lib: [CHECKER_LIB], strict: true, allowJs: true, noResolve: true, types: [], jsx: ts.JsxEmit.Preserve };

/** The library files, parsed once for every program. */
const libSources = new Map<string, ts.SourceFile>();

function libSource(name: string): ts.SourceFile | undefined {
  let source = libSources.get(name);
  if (source === undefined) {
    const text = typeCheckerLibs().get(name);
    if (text === undefined) return undefined;
    source = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
    libSources.set(name, source);
  }
  return source;
}

/** A checker over one file's text alone, with the library files and nothing else. */
function checkerOver(text: string, extension: string): { readonly file: ts.SourceFile; readonly checker: ts.TypeChecker } {
  const fileName = `/cowlens-types/file${extension}`;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? file : libSource(name.slice(name.lastIndexOf('/') + 1))),
    getDefaultLibFileName: () => `/lib/${CHECKER_LIB}`,
    getDefaultLibLocation: () => '/lib',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName || typeCheckerLibs().has(name.slice(name.lastIndexOf('/') + 1)),
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [fileName], options: COMPILER_OPTIONS, host });
  return { file, checker: program.getTypeChecker() };
}

/** The node of `root` with the same kind and extent as `node` (the two trees parse the same text). */
function sameNode(root: ts.Node, node: ts.Node): ts.Node | undefined {
  let current: ts.Node | undefined = root;
  while (current !== undefined) {
    if (current.kind === node.kind && current.pos === node.pos && current.end === node.end) return current;
    const parent: ts.Node = current;
    current = parent.getChildren().find((child) => child.pos <= node.pos && node.end <= child.end && child !== parent);
  }
  return undefined;
}

function isPrimitiveType(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isPrimitiveType);
  return (type.flags & PRIMITIVE) !== 0;
}

/** Members that code calls without naming them, or that make a value something else than data. */
export const CALLED_MEMBERS: ReadonlySet<string> = new Set(['toJSON', 'toString', 'valueOf', 'toLocaleString', 'then', 'constructor', '__proto__']);

function isDataProperty(property: ts.Symbol): boolean {
  const name = property.getName();
  if (CALLED_MEMBERS.has(name) || name.startsWith('__@')) return false;
  if ((property.flags & ts.SymbolFlags.Property) === 0 || (property.flags & (ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) !== 0) return false;
  return (property.declarations ?? []).every((d) => !ts.isGetAccessor(d) && !ts.isSetAccessor(d) && !ts.isMethodDeclaration(d) && !ts.isMethodSignature(d));
}

/**
 * Plain data by type. A recursive type (`interface Tree { children: Tree[] }`) is plain when the
 * rest of it is: a type met again while it is being judged counts as plain, and each type is
 * judged once.
 */
class PlainTypes {
  private readonly judged = new Map<ts.Type, boolean>();
  private readonly judgedRecords = new Map<ts.Type, boolean>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** `record`: an object whose keys are all declared (no index signature), none of them `__proto__`. */
  isPlain(type: ts.Type, record: boolean): boolean {
    const cache = record ? this.judgedRecords : this.judged;
    const known = cache.get(type);
    if (known !== undefined) return known;
    cache.set(type, true);
    const plain = this.judge(type, record);
    cache.set(type, plain);
    return plain;
  }

  private judge(type: ts.Type, record: boolean): boolean {
    const { checker } = this;
    if (type.isUnion()) return type.types.every((member) => this.isPlain(member, record));
    if ((type.flags & PRIMITIVE) !== 0) return true;
    if ((type.flags & ts.TypeFlags.Object) === 0) return false;
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      return !record && checker.getTypeArguments(type as ts.TypeReference).every((element) => this.isPlain(element, false));
    }
    const symbol = type.getSymbol();
    if (symbol !== undefined && (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Function | ts.SymbolFlags.Enum)) !== 0) return false;
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
    const properties = type.getProperties();
    const index = checker.getIndexInfosOfType(type);
    if ((properties.length === 0 && index.length === 0) || (record && index.length > 0)) return false;
    if (!index.every((info) => this.isPlain(info.type, false))) return false;
    return properties.every((property) => isDataProperty(property) && this.isPlain(checker.getTypeOfSymbol(property), false));
  }
}

interface Checked {
  readonly file: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  readonly plain: PlainTypes;
}

export function createTypeFacts(sourceFile: ts.SourceFile): TypeFacts {
  let checked: Checked | undefined;
  const typeOf = (node: ts.Expression): ts.Type | undefined => {
    if (checked === undefined) {
      const { file, checker } = checkerOver(sourceFile.text, extname(sourceFile.fileName) || '.ts');
      checked = { file, checker, plain: new PlainTypes(checker) };
    }
    const same = sameNode(checked.file, node);
    return same === undefined ? undefined : checked.checker.getTypeAtLocation(same);
  };
  const arrayElements = (node: ts.Expression): readonly ts.Type[] | undefined => {
    const type = typeOf(node);
    if (type === undefined || checked === undefined) return undefined;
    const { checker } = checked;
    if (!checker.isArrayType(type) && !checker.isTupleType(type)) return undefined;
    return checker.getTypeArguments(type as ts.TypeReference);
  };
  const facts: TypeFacts = {
    isPrimitive: (node) => {
      const type = typeOf(node);
      return type !== undefined && isPrimitiveType(type);
    },
    isArray: (node) => arrayElements(node) !== undefined,
    isArrayOfPrimitives: (node) => arrayElements(node)?.every(isPrimitiveType) === true,
    isString: (node) => {
      const type = typeOf(node);
      return type !== undefined && (type.flags & ts.TypeFlags.StringLike) !== 0;
    },
    isPlainData: (node) => {
      const type = typeOf(node);
      return type !== undefined && checked !== undefined && checked.plain.isPlain(type, false);
    },
    isPlainRecord: (node) => {
      const type = typeOf(node);
      return type !== undefined && checked !== undefined && checked.plain.isPlain(type, true);
    },
  };
  return guarded(facts);
}

/**
 * The facts with every answer that fails to come (the checker has known crashes on odd code) made
 * a "not proved": a fact that cannot be established is not claimed, and the scan goes on.
 */
function guarded(facts: TypeFacts): TypeFacts {
  const guard = (ask: (node: ts.Expression) => boolean) => (node: ts.Expression): boolean => {
    try {
      return ask(node);
    } catch {
      return false;
    }
  };
  return {
    isPrimitive: guard(facts.isPrimitive),
    isArray: guard(facts.isArray),
    isArrayOfPrimitives: guard(facts.isArrayOfPrimitives),
    isString: guard(facts.isString),
    isPlainData: guard(facts.isPlainData),
    isPlainRecord: guard(facts.isPlainRecord),
  };
}
