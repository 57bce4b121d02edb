// What this browser's WebGPU can do: whether an adapter exists, who made it, its limits and features. Runs
// in a worker (where the ML work will run), so it reports what workers actually get.

/** The limits that decide which models fit; the rest of GPUSupportedLimits is not shown to users. */
export const reportedLimits = [
	'maxBufferSize',
	'maxStorageBufferBindingSize',
	'maxComputeWorkgroupStorageSize',
	'maxComputeInvocationsPerWorkgroup',
	'maxComputeWorkgroupSizeX',
	'maxStorageBuffersPerShaderStage'
] as const;

export type WebGpuReport =
	| { available: false; reason: string; advice: string }
	| {
			available: true;
			vendor: string;
			architecture: string;
			device: string;
			description: string;
			isFallbackAdapter: boolean;
			shaderF16: boolean;
			subgroups: boolean;
			features: string[];
			limits: Record<(typeof reportedLimits)[number], number>;
	  };

const advice =
	'Use a recent Chrome or Edge (113+) with hardware acceleration on, or Firefox/Safari with WebGPU enabled. On Linux, Chrome may need --enable-unsafe-webgpu and Vulkan.';

/** Probes WebGPU from `gpu` (navigator.gpu in a worker or page). */
export async function probeWebGpu(gpu: GPU | undefined): Promise<WebGpuReport> {
	if (!gpu) return { available: false, reason: 'This browser does not expose WebGPU (navigator.gpu is missing).', advice };
	const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
	if (!adapter) return { available: false, reason: 'WebGPU is present but no GPU adapter was granted (blocklisted driver or GPU disabled).', advice };
	const info = adapter.info;
	const limits = Object.fromEntries(reportedLimits.map((name) => [name, Number(adapter.limits[name])])) as Record<
		(typeof reportedLimits)[number],
		number
	>;
	return {
		available: true,
		vendor: info.vendor || 'unknown',
		architecture: info.architecture || 'unknown',
		device: info.device || '',
		description: info.description || '',
		isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter),
		shaderF16: adapter.features.has('shader-f16'),
		subgroups: adapter.features.has('subgroups'),
		features: [...adapter.features].sort(),
		limits
	};
}
