/** What a seed means for repeatability: -1 (or none) asks the service for a random one. */

/** Whether a seed makes the output repeatable: present, whole and not -1 (random). */
export function isFixedSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0;
}
