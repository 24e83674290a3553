/**
 * Zod as the browser runs it. The page's Content-Security-Policy forbids eval, so
 * `src/hooks.client.ts` switches zod to `jitless`; in Node zod would otherwise
 * compile its object parsers with `new Function` and validate ~3× faster than any
 * device does. Zod reads the setting when a schema is built, so a benchmark imports
 * this module before anything that imports the record schemas.
 */
import { z } from 'zod';

z.config({ jitless: true });
