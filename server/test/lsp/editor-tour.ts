/** The editor-tour fixture as the language server's tests run it, and its expected figures in cow mode. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { RunFiguresParams } from '../../src/lsp/protocol.js';
import { expectBound, type FixtureExpectation } from '../fixtures/fixture-expectations.js';
import { REPO } from './lsp-client.js';

export const TOUR = join(REPO, 'test-fixtures/editor-tour');
export const TOUR_MAIN = join(TOUR, 'main.ts');
export const TOUR_URI = pathToFileURL(TOUR_MAIN).href;

const expected = (JSON.parse(readFileSync(join(TOUR, 'expected.json'), 'utf8')) as FixtureExpectation).modes.cow;

/** A run's last figures have exactly the fixture's sites, with their executions and materialized copies. */
export function expectTourSites(finished: RunFiguresParams): void {
  const sites = new Map(finished.sites.map((s) => [`${basename(new URL(s.uri).pathname)}:${String(s.line)}:${s.kind}`, s]));
  expect([...sites.keys()].sort()).toEqual(Object.keys(expected.sites).sort());
  for (const [key, want] of Object.entries(expected.sites)) {
    const site = sites.get(key)!;
    expect(site.uri).toBe(TOUR_URI);
    expectBound(site.executions, want.executions, `${key} executions`);
    if (want.materialized !== undefined) expectBound(site.materialized, want.materialized, `${key} materialized`);
  }
}
