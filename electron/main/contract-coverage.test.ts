/**
 * The two ends of the IPC transport cover exactly the contract. Type-level checks (`expectTypeOf`,
 * `@ts-expect-error`) are proved by `tsc --noEmit` (npm run typecheck); the runtime checks run in
 * vitest. Per-method argument checking is proved in ipc.test.ts, the exposed object in
 * preload/index.test.ts.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  EVENT_NAMES,
  events,
  METHOD_NAMES,
  methods,
  type ApiHandlers,
  type ArgsOf,
  type EventName,
  type EventOf,
  type MethodName,
  type ResultOf,
  type SeedanceApi,
} from '../../shared/api';
import type { dispatch } from '../service/dispatch';
import type { AppService } from '../service/types';
import type { buildPreloadGlobals, PreloadGlobals } from '../preload/api';
import type { createCallHandler, IpcBindingOptions } from './ipc';
import type { MenuCommand } from './menu';

type Exposed = PreloadGlobals['seedanceFlow'];

describe('contract coverage', () => {
  it('the preload exposes exactly the contract: every method and `on`, nothing else', () => {
    expectTypeOf<ReturnType<typeof buildPreloadGlobals>>().toEqualTypeOf<PreloadGlobals>();
    expectTypeOf<Exposed>().toEqualTypeOf<SeedanceApi>();
    expectTypeOf<keyof Exposed>().toEqualTypeOf<MethodName | 'on'>();
    expectTypeOf<Exposed['graph.open']>().toEqualTypeOf<(args: ArgsOf<'graph.open'>) => Promise<ResultOf<'graph.open'>>>();
    expectTypeOf<Exposed['on']>().parameter(0).toEqualTypeOf<EventName>();
    expectTypeOf<ReturnType<Exposed['on']>>().toEqualTypeOf<() => void>();
    expectTypeOf<PreloadGlobals['seedanceMediaUrl']>().toEqualTypeOf<(mediaId: string) => string>();
    expectTypeOf<PreloadGlobals['pathForFile']>().toEqualTypeOf<(file: File) => string>();
  });

  it('the main process binds handlers for exactly the contract’s methods', () => {
    expectTypeOf<IpcBindingOptions['service']['handlers']>().toEqualTypeOf<ApiHandlers>();
    expectTypeOf<AppService['handlers']>().toEqualTypeOf<ApiHandlers>();
    expectTypeOf<Parameters<typeof dispatch>[0]>().toEqualTypeOf<ApiHandlers>();
    expectTypeOf<keyof ApiHandlers>().toEqualTypeOf<MethodName>();
    expectTypeOf<ApiHandlers['plan']>().returns.toEqualTypeOf<Promise<ResultOf<'plan'>>>();
    // The call handler takes any method name from the wire; dispatch checks it against METHOD_NAMES.
    expectTypeOf<Parameters<ReturnType<typeof createCallHandler>>[1]>().toEqualTypeOf<unknown>();

    const complete = {} as ApiHandlers;
    const { 'app.info': _dropped, ...missingOne } = complete;
    // @ts-expect-error a handlers object without every method cannot be bound
    const incomplete: IpcBindingOptions['service']['handlers'] = missingOne;
    expect(incomplete).toBeDefined();
  });

  it('menu commands are exactly the contract’s menu.command values', () => {
    expectTypeOf<MenuCommand>().toEqualTypeOf<EventOf<'menu.command'>['command']>();
  });

  it('the runtime lists match the contract objects', () => {
    expectTypeOf(METHOD_NAMES).toEqualTypeOf<MethodName[]>();
    expectTypeOf(EVENT_NAMES).toEqualTypeOf<EventName[]>();
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });
});
