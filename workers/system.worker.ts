// The System worker: answers "what can this browser do?" from inside a worker.
import { expose } from './rpc/expose.ts';
import { probeWebGpu } from './gpu/probeWebGpu.ts';

const api = {
	probeWebGpu: async (_signal: AbortSignal) => probeWebGpu((self.navigator as Navigator & { gpu?: GPU }).gpu)
};

export type SystemApi = typeof api;

expose(api);
