// A static dApp: no server rendering (wallets, WebGPU and IndexedDB exist only in the browser), and every
// route prerendered to an HTML shell.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'always';
