/** The faults in force, used up one request at a time. */
import { DEFAULT_FAULT_ROUTES, faultsSchema, type FaultRoute, type Faults, type FaultsInput } from './options';

type FaultName = Exclude<keyof Faults, 'echoKey'>;
type Fault<K extends FaultName> = NonNullable<Faults[K]>;

/** Faults aimed at routes with `on`; the others apply wherever they are asked for. */
const ROUTED: ReadonlySet<FaultName> = new Set<FaultName>(['rateLimit', 'serverError', 'latency']);

interface Countable {
  count?: number;
  on?: readonly FaultRoute[];
}

export class FaultBox {
  private faults: Faults;

  constructor(input: FaultsInput = {}) {
    this.faults = faultsSchema.parse(input);
  }

  /** Replaces every fault (an empty object clears them all). Throws on an invalid plan. */
  set(input: FaultsInput): void {
    this.faults = faultsSchema.parse(input);
  }

  /** What is left of the faults (counts go down as they are used). */
  snapshot(): Faults {
    return structuredClone(this.faults);
  }

  get echoKey(): boolean {
    return this.faults.echoKey === true;
  }

  /**
   * Uses one count of a fault, if it is on (and, for routed faults, aimed at this route) and
   * `when` accepts it, and returns its settings.
   */
  take<K extends FaultName>(name: K, route?: FaultRoute, when?: (fault: Fault<K>) => boolean): Fault<K> | undefined {
    const fault = this.faults[name] as (Fault<K> & Countable) | undefined;
    if (!fault) return undefined;
    if (ROUTED.has(name)) {
      if (route === undefined || !(fault.on ?? DEFAULT_FAULT_ROUTES).includes(route)) return undefined;
    }
    if (when && !when(fault)) return undefined;
    if (fault.count !== undefined) {
      if (fault.count <= 0) return undefined;
      fault.count -= 1;
    }
    return fault;
  }
}
