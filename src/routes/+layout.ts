// Steady's data lives on the device, so pages render in the browser. Prerendered
// shells let the service worker start the app with no network.
export const ssr = false;
export const prerender = true;
