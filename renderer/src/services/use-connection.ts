/**
 * Where runs go now (`connection.info`: the address, where it comes from, simulated or not), read
 * again whenever the settings or the key change (setting a key ends simulated mode). `refresh`
 * reads it at once, for a caller that has just changed it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/api';
import { useServices } from './services';

export type ConnectionInfo = ResultOf<'connection.info'>;

export function useConnectionInfo(): { connection: ConnectionInfo | null; refresh: () => Promise<void> } {
  const { api } = useServices();
  const [connection, setConnection] = useState<ConnectionInfo | null>(null);
  const refresh = useCallback(
    () =>
      api['connection.info']({}).then(
        (c) => setConnection(c),
        () => setConnection(null),
      ),
    [api],
  );
  useEffect(() => {
    void refresh();
    const offs = [api.on('settings.changed', () => void refresh()), api.on('key.changed', () => void refresh())];
    return () => {
      for (const off of offs) off();
    };
  }, [api, refresh]);
  return { connection, refresh };
}
