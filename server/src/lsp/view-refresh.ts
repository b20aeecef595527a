/**
 * Asks the client to fetch inlay hints and code lenses again after the figures changed, no more
 * often than every `intervalMs`: a run changes its figures up to ten times a second, and each
 * refresh makes the client ask again for every visible document.
 */
export class ThrottledRefresh {
  private lastSent = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: () => void,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastSent + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.lastSent = Date.now();
    this.send();
  }
}
