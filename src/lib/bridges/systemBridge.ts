// The System worker, started on demand from the page.
import { createBridge } from './workerBridge.ts';
import type { SystemApi } from '../../../workers/system.worker.ts';
import SystemWorker from '../../../workers/system.worker.ts?worker';

export const systemWorker = createBridge<SystemApi>(() => new SystemWorker({ name: 'provena-system' }));
