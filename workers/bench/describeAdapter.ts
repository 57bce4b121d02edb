// Names the browser and WebGPU adapter a browser benchmark ran on, for the report's environment line, and says
// whether that adapter is a software one (SwiftShader), whose timings are only meaningful as ratios.

/** The browser and adapter, in words. */
export type AdapterDescription = { userAgent: string; description: string; isCpu: boolean };

/**
 * Describes `gpu`'s default adapter (or its absence).
 *
 * @example
 * const { description, isCpu } = await describeAdapter(self.navigator.gpu);
 */
export async function describeAdapter(gpu: GPU | undefined): Promise<AdapterDescription> {
	const userAgent =
		self.navigator.userAgent.match(/(HeadlessChrome|Chrome|Chromium|Firefox|Safari)\/[\d.]+/)?.[0] ??
		self.navigator.userAgent;
	if (!gpu) return { userAgent, description: 'none (navigator.gpu is missing)', isCpu: false };
	const adapter = await gpu.requestAdapter().catch(() => null);
	if (!adapter) return { userAgent, description: 'none granted', isCpu: false };
	const { vendor, architecture, description } = adapter.info;
	const words = [vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed';
	const isCpu = /swiftshader|llvmpipe|software|cpu/i.test(words) || adapter.info.isFallbackAdapter === true;
	return { userAgent, description: words, isCpu };
}
