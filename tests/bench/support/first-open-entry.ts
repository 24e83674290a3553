/**
 * The bundle's entry for the browser page of growth-first-open-browser.ts: zod set up
 * as the app sets it up, then `firstOpen` on the page's global object.
 */
import './device-zod.ts';
import { openAndDerive, storedFromJson, type StoredYearJson } from './open-and-derive.ts';

const firstOpen = (json: StoredYearJson) => openAndDerive(storedFromJson(json));
(globalThis as unknown as { firstOpen: typeof firstOpen }).firstOpen = firstOpen;
