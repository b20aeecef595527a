import type { CopyKind } from '../copy-kinds.js';
import type { LocationId, LocationInfo, SiteId, SiteInfo } from './types.js';

/**
 * Copy sites and write locations get small integer ids so the hot path passes numbers, never
 * strings. Id 0 is reserved: "no location" (a write from code that was not instrumented).
 */
export class Registry {
  readonly sites: SiteInfo[] = [];
  readonly locations: LocationInfo[] = [];
  private readonly siteIds = new Map<string, SiteId>();
  private readonly locationIds = new Map<string, LocationId>();
  private sitesSent = 0;
  private locationsSent = 0;

  site(file: string, line: number, column: number, kind: CopyKind): SiteId {
    const key = `${file}\0${String(line)}\0${String(column)}\0${kind}`;
    let id = this.siteIds.get(key);
    if (id === undefined) {
      id = this.sites.length + 1;
      this.sites.push({ id, file, line, column, kind });
      this.siteIds.set(key, id);
    }
    return id;
  }

  location(file: string, line: number, column: number): LocationId {
    const key = `${file}\0${String(line)}\0${String(column)}`;
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = this.locations.length + 1;
      this.locations.push({ id, file, line, column });
      this.locationIds.set(key, id);
    }
    return id;
  }

  siteInfo(id: SiteId): SiteInfo | undefined {
    return this.sites[id - 1];
  }

  /** The registrations not yet sent, marking them sent. */
  takeNew(): { sites: SiteInfo[]; locations: LocationInfo[] } {
    const sites = this.sites.slice(this.sitesSent);
    const locations = this.locations.slice(this.locationsSent);
    this.sitesSent = this.sites.length;
    this.locationsSent = this.locations.length;
    return { sites, locations };
  }
}
