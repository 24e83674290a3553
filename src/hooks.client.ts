import { z } from 'zod';

// Zod compiles parsers with `new Function` when it may; the page's Content-Security-
// Policy forbids eval, and zod's probe for it would report a violation on every start.
z.config({ jitless: true });
