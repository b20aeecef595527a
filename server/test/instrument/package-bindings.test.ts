import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createNameResolver } from '../../src/analysis/name-resolution.js';
import { argumentsLentToPackages, collectPackageBindings } from '../../src/instrument/package-bindings.js';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { marksFor } from '../../src/runtime/edit-marks.js';

const parse = (text: string): ts.SourceFile => ts.createSourceFile('/virtual/m.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

describe('values handed to packages', () => {
  it('knows the bindings of packages, not of local files, Node built-ins or types', () => {
    const sf = parse(`
      import sortBy, { groupBy as g, type T } from 'lodash';
      import * as lib from '@scope/lib/sub';
      import type { Only } from 'types-only';
      import { local } from './local.js';
      import { readFileSync } from 'node:fs';
      import { inspect } from 'util';
      const req = require('some-pkg'), { a, b: bb } = require('other-pkg'), mine = require('./mine');`);
    expect([...collectPackageBindings(sf, createNameResolver(sf)).bindings].sort()).toEqual(['a', 'bb', 'g', 'lib', 'req', 'sortBy']);
  });

  it('lends the non-literal arguments of calls through them', () => {
    const sf = parse(`import * as lib from 'lib'; lib.deep.sort(items, 'key', 3, () => 1, ...rest, other.list);`);
    const call = (sf.statements[1] as ts.ExpressionStatement).expression as ts.CallExpression;
    expect(argumentsLentToPackages(call, collectPackageBindings(sf, createNameResolver(sf)))?.map((a) => a.getText(sf))).toEqual(['items', 'other.list']);
  });

  it('instruments the hand-over, leaving calls of local functions alone', () => {
    const { code } = instrumentSource('/virtual/m.mjs', `import { sortInPlace } from 'lib';\nimport { mine } from './mine.js';\nsortInPlace(list);\nmine(list);\n`);
    // Each inserted run is marked as standing for no original text.
    const { opening, closing } = marksFor('');
    expect(code).toContain(`sortInPlace(${opening}__cl$i().lend(${closing}list${opening}, __cl$l[0])${closing});`);
    expect(code).toContain('\nmine(list);');
  });

  it('lends nothing through a local name that shadows the package binding', () => {
    const { code } = instrumentSource('/virtual/m.mjs', `import { sortInPlace } from 'lib';
function f(sortInPlace) { sortInPlace(list); }
`);
    expect(code).toContain('function f(sortInPlace) { sortInPlace(list); }');
  });
});
