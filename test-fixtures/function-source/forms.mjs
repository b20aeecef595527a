// The same kinds of forms in an ES module (loaded through cowlens's module hooks, not require).
const base = { a: 1 }

export function spreadObject(o) { return { ...o, copied: [...Object.keys(o)] } }
export const cloneDeep = (o) => structuredClone(o)
export class Counter {
  counts = new Map()
  bump(k) {
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1)
    this.last = { ...base }
  }
}
export default async function () { return [...Object.keys(base)] }
