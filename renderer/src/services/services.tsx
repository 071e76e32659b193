/**
 * The window's link to the Node side, given to the canvas and the shell by context so tests can
 * pass a fake: the contract (`api`), preview URLs for media ids, and, on the desktop, the path of
 * a file dropped from the file manager.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { SeedanceApi } from '../../../shared/api';

export interface Services {
  api: SeedanceApi;
  /** A URL the window may load to preview an imported file or a result. */
  mediaUrl(mediaId: string): string;
  /** The absolute path of a dropped file (desktop only); undefined where the browser hides it. */
  pathForFile?(file: File): string | undefined;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a <ServicesProvider> above it');
  return services;
}

/** The services, or null outside a provider (a component rendered on its own in a test). */
export function useOptionalServices(): Services | null {
  return useContext(ServicesContext);
}
