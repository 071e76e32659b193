/**
 * happy-dom lays nothing out, and React Flow hides a node until a ResizeObserver has measured it
 * (and draws a wire only between measured handles). For component tests: every element is
 * 200 x 100, and a ResizeObserver reports each observed element once.
 */
export function installLayoutStubs(): void {
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 200 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 100 });
  class ImmediateResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      setTimeout(() => this.callback([{ target } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver), 0);
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = ImmediateResizeObserver as unknown as typeof ResizeObserver;
  // No animated pans and zooms: d3's transitions do not run in happy-dom.
  const matchMedia = window.matchMedia.bind(window);
  window.matchMedia = (query: string) =>
    query.includes('prefers-reduced-motion') ? ({ ...matchMedia(query), matches: true, media: query } as MediaQueryList) : matchMedia(query);
}
