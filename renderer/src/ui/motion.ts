/** Animation time, or none for people who asked the system for reduced motion. */
export function motionMs(ms: number): number {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}
