import type { CopyKind } from '../copy-kinds.js';
import type { LocationId, LocationInfo, SiteId, SiteInfo } from './types.js';
import { builtinArray, OwnMap } from '../captured-intrinsics.js';

/**
 * Copy sites and write locations get small integer ids so the hot path passes numbers, never
 * strings. Id 0 is reserved: "no location" (a write from code that was not instrumented).
 */
export class Registry {
  readonly sites: SiteInfo[] = [];
  readonly locations: LocationInfo[] = [];
  private readonly siteIds = new OwnMap<string, SiteId>();
  private readonly locationIds = new OwnMap<string, LocationId>();
  private sitesSent = 0;
  private locationsSent = 0;

  site(file: string, line: number, column: number, kind: CopyKind): SiteId {
    const key = `${file}\0${String(line)}\0${String(column)}\0${kind}`;
    let id = this.siteIds.get(key);
    if (id === undefined) {
      id = this.sites.length + 1;
      builtinArray.push(this.sites, { id, file, line, column, kind });
      this.siteIds.set(key, id);
    }
    return id;
  }

  location(file: string, line: number, column: number): LocationId {
    const key = `${file}\0${String(line)}\0${String(column)}`;
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = this.locations.length + 1;
      builtinArray.push(this.locations, { id, file, line, column });
      this.locationIds.set(key, id);
    }
    return id;
  }

  siteInfo(id: SiteId): SiteInfo | undefined {
    return this.sites[id - 1];
  }

  /** The registrations not yet sent, marking them sent. */
  takeNew(): { sites: SiteInfo[]; locations: LocationInfo[] } {
    const sites = builtinArray.sliceOf(this.sites, this.sitesSent);
    const locations = builtinArray.sliceOf(this.locations, this.locationsSent);
    this.sitesSent = this.sites.length;
    this.locationsSent = this.locations.length;
    return { sites, locations };
  }
}
