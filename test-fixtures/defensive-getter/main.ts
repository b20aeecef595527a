// Defensive copies: a class hands out copies of its private state from getters so that callers
// cannot change it behind its back, and the callers only ever read them. Every such copy could
// share the private state: nothing is ever materialized and every byte is saved.

interface Item {
  readonly sku: string;
  readonly quantity: number;
}

class Inventory {
  readonly #items: Item[] = [];
  readonly #settings: Record<string, number | string> = { warehouse: 'north', currency: 'EUR' };

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.#items.push({ sku: `SKU-${String(i).padStart(5, '0')}`, quantity: (i * 13) % 50 });
    for (let i = 0; i < 70; i++) this.#settings[`threshold${i}`] = i * 2;
  }

  /** A copy, so that a caller's sort or push cannot reorder the inventory. */
  get items(): Item[] {
    return [...this.#items];
  }

  /** A copy, so that a caller cannot change the settings. */
  get settings(): Record<string, number | string> {
    return { ...this.#settings };
  }
}

const inventory = new Inventory(400);

function lowStock(inv: Inventory): number {
  const threshold = Number(inv.settings.threshold5);
  return inv.items.filter((item) => item.quantity < threshold).length;
}

function skuOf(inv: Inventory, index: number): string {
  return inv.items[index]!.sku;
}

let checks = 0;
for (let i = 0; i < 25; i++) checks += lowStock(inventory);
console.log(`low stock over 25 checks: ${checks}`);
console.log(`first=${skuOf(inventory, 0)} last=${skuOf(inventory, inventory.items.length - 1)} warehouse=${inventory.settings.warehouse}`);
